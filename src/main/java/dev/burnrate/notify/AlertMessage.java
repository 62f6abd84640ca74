package dev.burnrate.notify;

import java.util.Objects;

import dev.burnrate.budget.Severity;

/**
 * A rendered alert.
 *
 * @param kind     the alert kind ({@code forecast_exceeds_budget}, ...), an SNS message attribute
 * @param budgetId the budget it is about ({@code total}, {@code openai}, ...), an SNS message attribute
 * @param vendor   the vendor it is about, or null for all vendors; an SNS message attribute when set
 * @param subject  at most {@value #MAX_SUBJECT} printable ASCII characters (SNS's limit for e-mail subjects)
 */
public record AlertMessage(String kind, Severity severity, String budgetId, String vendor, String subject,
        String text, String html) {

    public static final int MAX_SUBJECT = 99;

    public AlertMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(budgetId, "budgetId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT
                || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("subject must be 1-" + MAX_SUBJECT
                    + " printable ASCII characters, got: " + subject);
        }
    }
}
