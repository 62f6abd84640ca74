package dev.burnrate.config;

import java.util.Map;
import java.util.Optional;

/**
 * The values of burnrate's one secret: the vendors' admin keys by vendor id ({@code openai}, {@code anthropic})
 * and the channels' secrets ({@code slackWebhookUrl}, {@code webhookUrl}, {@code webhookAuthorization},
 * {@code smtpPassword}, {@code pagerDutyRoutingKey}, {@code teamsWebhookUrl}). {@link #toString()} never shows a value.
 */
public final class Secrets {

    private final Map<String, String> keys;

    public Secrets(Map<String, String> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static Secrets none() {
        return new Secrets(Map.of());
    }

    /** The key for {@code vendor}, or empty when it has none or a blank one. */
    public Optional<String> keyFor(String vendor) {
        return value(vendor);
    }

    /** The value named {@code name}, or empty when it is absent or blank. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(keys.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return "Secrets" + new java.util.TreeSet<>(keys.keySet());
    }
}
