package dev.burnrate.vendor;

import java.util.regex.Pattern;

/** Removes anything that looks like an API key from text that may be logged or reported. */
public final class Redaction {

    private static final Pattern KEY_LIKE = Pattern.compile("(sk-[A-Za-z0-9_*\\-]{4})[A-Za-z0-9_*\\-]+");
    private static final int MAX_LENGTH = 300;

    private Redaction() {
    }

    /** The text with key-like tokens cut to their first characters, and at most 300 characters long. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = KEY_LIKE.matcher(text).replaceAll("$1…");
        return redacted.length() <= MAX_LENGTH ? redacted : redacted.substring(0, MAX_LENGTH) + "…";
    }
}
