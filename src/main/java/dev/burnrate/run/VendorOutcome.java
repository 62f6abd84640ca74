package dev.burnrate.run;

import java.time.Instant;

/** How collecting one vendor went in this run. */
record VendorOutcome(String vendor, String displayName, Status status, String error, int daysFetched,
        Instant fetchedAt) {

    enum Status {
        OK, NOT_CONFIGURED, FAILED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
