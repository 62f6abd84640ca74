package dev.burnrate.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An alert that is due now, before the ledger says whether it was already sent.
 *
 * @param level     percent of the budget the threshold stands at (100 = the budget itself)
 * @param valueUsd  the figure that crossed: month-to-date spend or the P50 forecast
 * @param thresholdUsd the amount that was crossed
 */
public record AlertDecision(AlertKind kind, Budget budget, int level, BigDecimal valueUsd, BigDecimal thresholdUsd) {

    public AlertDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(valueUsd, "valueUsd");
        Objects.requireNonNull(thresholdUsd, "thresholdUsd");
    }
}
