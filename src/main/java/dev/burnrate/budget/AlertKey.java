package dev.burnrate.budget;

import java.time.YearMonth;
import java.util.Objects;

/**
 * Identifies one alert: it is sent at most once per month, budget, kind, level and episode.
 */
public record AlertKey(YearMonth month, String budget, String kind, int level, String episode) {

    public AlertKey {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(kind, "kind");
        episode = episode == null ? "" : episode;
    }

    public static AlertKey of(YearMonth month, AlertDecision decision) {
        return new AlertKey(month, decision.budget().id(), decision.kind(), decision.level(), decision.episode());
    }

    /** Sort-key form: {@code total#forecast_exceeds_budget#100}, plus {@code #episode} when there is one. */
    public String id() {
        return budget + "#" + kind + "#" + level + (episode.isEmpty() ? "" : "#" + episode);
    }

    /** The kind of the once-a-day digest: claimed like an alert, but it never "recovers". */
    public static final String DIGEST = "daily_digest";

    /** True for alerts that have a lifecycle (everything but the daily digest). */
    public boolean recoverable() {
        return !DIGEST.equals(kind);
    }

    /** Reads the {@link #id()} form back. */
    public static AlertKey parse(YearMonth month, String id) {
        String[] parts = id.split("#", 4);
        if (parts.length < 3) {
            throw new IllegalArgumentException("not an alert key: " + id);
        }
        return new AlertKey(month, parts[0], parts[1], Integer.parseInt(parts[2]), parts.length == 4 ? parts[3] : "");
    }
}
