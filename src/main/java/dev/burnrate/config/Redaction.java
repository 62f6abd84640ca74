package dev.burnrate.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one place that keeps secrets out of text that leaves the process: the report, the run log, every log line
 * (through {@link RedactingLogFilter}, at every level, REST-client request logging included) and the errors
 * carried into messages. It removes, by value, every secret loaded from Secrets Manager — and the parts of one
 * that travel alone: a webhook URL's path and query values, a bearer token without its scheme, a service-account
 * key's private key, each also URL-encoded as in a form body — and, by shape, anything that looks like an API key
 * ({@code sk-…}). Text is scrubbed before it is cut short: a cut secret could not be recognised.
 */
public final class Redaction {

    /** What a secret is replaced with. */
    public static final String MARK = "[redacted]";
    private static final Pattern KEY_LIKE = Pattern.compile("(sk-[A-Za-z0-9_*\\-]{4})[A-Za-z0-9_*\\-]+");
    private static final int MAX_LENGTH = 300;
    /** Shorter values are not redacted by value: they would mangle ordinary words. */
    static final int MIN_SECRET_LENGTH = 8;
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    /** The secrets, longest first, so a secret's part never leaves the rest of it behind. */
    private static volatile List<String> ordered = List.of();

    private Redaction() {
    }

    /** Remembers {@code value} (a secret's value) and the parts of it that can appear on their own. */
    public static void register(String value) {
        if (value == null) {
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(value.trim());
        String trimmed = value.trim();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7) || trimmed.regionMatches(true, 0, "Basic ", 0, 6)) {
            parts.add(trimmed.substring(trimmed.indexOf(' ') + 1).trim());
        }
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            try {
                URI uri = URI.create(trimmed);
                parts.add(uri.getRawPath());
                if (uri.getRawQuery() != null) {
                    parts.add(uri.getRawQuery());
                    for (String pair : uri.getRawQuery().split("&")) {
                        parts.add(pair.substring(pair.indexOf('=') + 1));
                    }
                }
            } catch (IllegalArgumentException notAUri) {
                // the whole value is still redacted
            }
        }
        if (trimmed.startsWith("{") && trimmed.contains("private_key")) {
            // a service-account key: its private key, as stored and line by line
            java.util.regex.Matcher key = Pattern.compile("\"private_key\"\\s*:\\s*\"([^\"]+)\"").matcher(trimmed);
            if (key.find()) {
                parts.add(key.group(1));
                for (String line : key.group(1).replace("\\n", "\n").split("\n")) {
                    parts.add(line.trim());
                }
            }
        }
        // as it travels in a form body or a query string (a client secret in a token request)
        for (String part : List.copyOf(parts)) {
            if (part != null) {
                parts.add(java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        boolean added = false;
        for (String part : parts) {
            if (part != null && part.length() >= MIN_SECRET_LENGTH && !part.startsWith("-----")) {
                added |= SECRETS.add(part);
            }
        }
        if (added) {
            List<String> sorted = new ArrayList<>(SECRETS);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            ordered = List.copyOf(sorted);
        }
    }

    /** The text with every registered secret and key-like token removed; as long as it needs to be. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String scrubbed = text;
        for (String secret : ordered) {
            if (scrubbed.contains(secret)) {
                scrubbed = scrubbed.replace(secret, MARK);
            }
        }
        return KEY_LIKE.matcher(scrubbed).replaceAll("$1…");
    }

    /** {@link #scrub} and at most 300 characters: for error messages. */
    public static String redact(String text) {
        String redacted = scrub(text);
        if (redacted == null) {
            return null;
        }
        return redacted.length() <= MAX_LENGTH ? redacted : redacted.substring(0, MAX_LENGTH) + "…";
    }

    /**
     * {@code thrown} with every message in its chain scrubbed, keeping classes' names and stack traces; itself when
     * no message held a secret.
     */
    public static Throwable scrub(Throwable thrown) {
        if (thrown == null || !needsScrubbing(thrown)) {
            return thrown;
        }
        return new Scrubbed(thrown);
    }

    private static boolean needsScrubbing(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(scrub(message))) {
                return true;
            }
        }
        return false;
    }

    /** A copy of a throwable whose messages were scrubbed; prints as the original class. */
    static final class Scrubbed extends RuntimeException {
        private final String originalClass;

        Scrubbed(Throwable original) {
            super(scrub(original.getMessage()), original.getCause() == null || original.getCause() == original ? null
                    : new Scrubbed(original.getCause()), false, false);
            this.originalClass = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
