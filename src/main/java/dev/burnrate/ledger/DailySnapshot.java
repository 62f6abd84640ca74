package dev.burnrate.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import dev.burnrate.vendor.DailyCost;

/**
 * A vendor's day as stored: the billed cost, when it was fetched, whether the vendor may still revise it, the
 * day's token and request counts where the vendor reports usage (null otherwise, or before they were read), and a
 * sharp drop the vendor reported for it that is held back until a later read confirms it (null when none).
 */
public record DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional, UsageTotals usage, Held held) {

    /**
     * A lower figure the vendor reported for a stored day, not yet believed: the stored figure stands.
     *
     * @param reportedUsd what the vendor said the day cost
     * @param since       the first read that said so
     */
    public record Held(BigDecimal reportedUsd, Instant since) {
        public Held {
            Objects.requireNonNull(reportedUsd, "reportedUsd");
            Objects.requireNonNull(since, "since");
        }
    }

    public DailySnapshot {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    public DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional, UsageTotals usage) {
        this(cost, fetchedAt, provisional, usage, null);
    }

    public DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional) {
        this(cost, fetchedAt, provisional, null, null);
    }
}
