package dev.burnrate.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An alert that is due now, before the alert state says whether it was already sent.
 *
 * @param level        percent of the budget the threshold stands at (100 = the budget itself); 0 for a runaway
 * @param valueUsd     the figure that crossed: month-to-date spend, the forecast, or the runaway hour's spend
 * @param thresholdUsd the amount that was crossed (for a runaway, the hour's baseline)
 * @param episode      distinguishes separate episodes of the same kind within a month (a runaway's start hour);
 *                     empty for budget thresholds, which fire once a month
 */
public record AlertDecision(Trigger trigger, Budget budget, int level, BigDecimal valueUsd, BigDecimal thresholdUsd,
        String episode) {

    public AlertDecision {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(valueUsd, "valueUsd");
        Objects.requireNonNull(thresholdUsd, "thresholdUsd");
        episode = episode == null ? "" : episode;
    }

    public AlertDecision(Trigger trigger, Budget budget, int level, BigDecimal valueUsd, BigDecimal thresholdUsd) {
        this(trigger, budget, level, valueUsd, thresholdUsd, "");
    }

    /**
     * The alert kind people and filters see: {@code actual_exceeds_budget}, {@code actual_threshold_80},
     * {@code forecast_exceeds_budget}, {@code forecast_threshold_90}, {@code runaway}, {@code stale_data}.
     */
    public String kind() {
        return switch (trigger) {
            case ACTUAL -> level == 100 ? "actual_exceeds_budget" : "actual_threshold_" + level;
            case FORECAST -> level == 100 ? "forecast_exceeds_budget" : "forecast_threshold_" + level;
            case RUNAWAY -> "runaway";
            case STALE_DATA -> "stale_data";
            case USAGE_UNREAD -> "usage_unread";
        };
    }

    public Severity severity() {
        return switch (trigger) {
            case ACTUAL -> level >= 100 ? Severity.CRITICAL : Severity.INFO;
            case FORECAST -> Severity.WARNING;
            case RUNAWAY -> Severity.CRITICAL;
            case STALE_DATA, USAGE_UNREAD -> Severity.WARNING;
        };
    }

    /** Higher is more urgent: spend over budget, then runaways, then forecasts, then shares of the budget. */
    int urgency() {
        return switch (trigger) {
            case ACTUAL -> level >= 100 ? 3000 + level : level;
            case RUNAWAY -> 2500;
            case FORECAST -> 2000 + level;
            case STALE_DATA -> 1500;
            case USAGE_UNREAD -> 1400;
        };
    }
}
