package dev.burnrate.run;

import java.time.Instant;

/** How collecting one vendor went in this run, and how long it took. */
record VendorOutcome(String vendor, String displayName, Status status, String error, int daysFetched,
        Instant fetchedAt, long tookMs, java.math.BigDecimal balanceUsd, String usageError, Instant usageUnreadSince) {

    VendorOutcome(String vendor, String displayName, Status status, String error, int daysFetched, Instant fetchedAt,
            long tookMs) {
        this(vendor, displayName, status, error, daysFetched, fetchedAt, tookMs, null, null, null);
    }

    VendorOutcome took(long millis) {
        return new VendorOutcome(vendor, displayName, status, error, daysFetched, fetchedAt, millis, balanceUsd,
                usageError, usageUnreadSince);
    }

    VendorOutcome withBalance(java.math.BigDecimal usd) {
        return new VendorOutcome(vendor, displayName, status, error, daysFetched, fetchedAt, tookMs, usd, usageError,
                usageUnreadSince);
    }

    /** The cost was stored but usage could not be read (and has not been since {@code since}, when known). */
    VendorOutcome withUsageError(String message, Instant since) {
        return new VendorOutcome(vendor, displayName, status, error, daysFetched, fetchedAt, tookMs, balanceUsd,
                message, since);
    }


    enum Status {
        OK, NOT_CONFIGURED, FAILED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
