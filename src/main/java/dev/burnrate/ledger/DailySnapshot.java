package dev.burnrate.ledger;

import java.time.Instant;
import java.util.Objects;

import dev.burnrate.vendor.DailyCost;

/**
 * A vendor's day as stored: the billed cost, when it was fetched, and whether the vendor may still revise it.
 */
public record DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional) {

    public DailySnapshot {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
