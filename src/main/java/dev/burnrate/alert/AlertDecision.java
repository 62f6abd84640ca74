package dev.burnrate.alert;

import java.math.BigDecimal;
import java.util.Objects;

import dev.burnrate.budget.Budget;

/**
 * A message the engine decided on, before the alert state says whether it goes out.
 *
 * @param level        percent of the budget for budget alerts (100 = the budget itself); the sequence number of a
 *                     runaway reminder or escalation; the day of the month for the digest; 0 otherwise
 * @param valueUsd     the figure that crossed: month-to-date spend, the forecast, or a runaway hour's spend
 * @param thresholdUsd the amount that was crossed (for a runaway, the hour's frozen baseline)
 * @param episode      the vendor episode of a vendor kind; null for budget alerts and the digest
 * @param runaway      the runaway episode as it stands, for the runaway kinds; null otherwise
 */
public record AlertDecision(AlertKind kind, Budget budget, int level, BigDecimal valueUsd, BigDecimal thresholdUsd,
        VendorEpisode episode, RunawayEpisode runaway) {

    public AlertDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(valueUsd, "valueUsd");
        Objects.requireNonNull(thresholdUsd, "thresholdUsd");
        if (kind.vendorEpisode() != (episode != null)) {
            throw new IllegalArgumentException(kind + " decisions " + (episode == null ? "need" : "take no")
                    + " vendor episode");
        }
    }

    /** A budget alert (actual or forecast). */
    public AlertDecision(AlertKind kind, Budget budget, int level, BigDecimal valueUsd, BigDecimal thresholdUsd) {
        this(kind, budget, level, valueUsd, thresholdUsd, null, null);
    }

    /** The alert kind people and filters see: {@code actual_exceeds_budget}, {@code runaway}, ... */
    public String wireName() {
        return kind.wireName(level);
    }

    public Severity severity() {
        return kind.severity(level);
    }

    int urgency() {
        return kind.urgency(level);
    }

    /** The vendor of a vendor episode, or null. */
    public String vendor() {
        return episode == null ? null : episode.vendor();
    }
}
