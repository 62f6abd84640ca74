package dev.burnrate.notify;

import java.util.Objects;

import dev.burnrate.budget.AlertKind;

/**
 * A rendered alert.
 *
 * @param subject at most {@value #MAX_SUBJECT} printable ASCII characters (SNS's limit for e-mail subjects)
 */
public record AlertMessage(AlertKind kind, String budgetId, String subject, String text, String html) {

    public static final int MAX_SUBJECT = 99;

    public AlertMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT
                || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("subject must be 1-" + MAX_SUBJECT
                    + " printable ASCII characters, got: " + subject);
        }
    }
}
