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
}
