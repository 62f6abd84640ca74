package dev.burnrate.run;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * How collecting one vendor went in this run, and how long it took.
 *
 * @param usageError       why some or all usage could not be read in this run (what was read is stored), or null
 * @param usageUnreadSince since when usage has not been read completely, when it was not this run
 * @param hoursRead        false when the hourly usage (the runaway detector's input) was not read this run
 */
record VendorOutcome(String vendor, String displayName, Status status, String error, int daysFetched,
        Instant fetchedAt, long tookMs, BigDecimal balanceUsd, String usageError, Instant usageUnreadSince,
        boolean hoursRead, java.util.List<String> notes) {

    VendorOutcome {
        notes = notes == null ? java.util.List.of() : java.util.List.copyOf(notes);
    }

    VendorOutcome(String vendor, String displayName, Status status, String error, int daysFetched, Instant fetchedAt,
            long tookMs) {
        this(vendor, displayName, status, error, daysFetched, fetchedAt, tookMs, null, null, null, true, null);
    }

    VendorOutcome took(long millis) {
        return new VendorOutcome(vendor, displayName, status, error, daysFetched, fetchedAt, millis, balanceUsd,
                usageError, usageUnreadSince, hoursRead, notes);
    }

    VendorOutcome withBalance(BigDecimal usd) {
        return new VendorOutcome(vendor, displayName, status, error, daysFetched, fetchedAt, tookMs, usd, usageError,
                usageUnreadSince, hoursRead, notes);
    }

    /** What the collector said about this read, for the report. */
    VendorOutcome withNotes(java.util.List<String> more) {
        return new VendorOutcome(vendor, displayName, status, error, daysFetched, fetchedAt, tookMs, balanceUsd,
                usageError, usageUnreadSince, hoursRead, more);
    }

    /**
     * The cost was stored but usage was not read completely (and has not been since {@code since}, when known);
     * {@code hoursRead} says whether the hourly counts were.
     */
    VendorOutcome withUsageError(String message, Instant since, boolean hours) {
        return new VendorOutcome(vendor, displayName, status, error, daysFetched, fetchedAt, tookMs, balanceUsd,
                message, since, hours, notes);
    }

    enum Status {
        OK, NOT_CONFIGURED, FAILED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
