package dev.burnrate.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One vendor's hour: its tokens priced at list price (an estimate: the vendors bill by the day) and the counts
 * behind it. The runaway detector reads these.
 *
 * @param hour         the hour's start, UTC
 * @param estimatedUsd the hour's tokens at list price
 */
public record HourlyPoint(Instant hour, BigDecimal estimatedUsd, long inputTokens, long outputTokens, Long requests) {

    public HourlyPoint {
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(estimatedUsd, "estimatedUsd");
    }
}
