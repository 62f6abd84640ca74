package dev.burnrate.ledger;

import java.time.Instant;
import java.util.Objects;

import dev.burnrate.vendor.DailyCost;

/**
 * A vendor's day as stored: the billed cost, when it was fetched, whether the vendor may still revise it, and the
 * day's token and request counts where the vendor reports usage (null otherwise, or before they were read).
 */
public record DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional, UsageTotals usage) {

    public DailySnapshot {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    public DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional) {
        this(cost, fetchedAt, provisional, null);
    }
}
