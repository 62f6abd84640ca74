package dev.burnrate.alert;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One vendor's episode: a runaway, a stale spell or a spell of unread usage, named by the vendor and the instant
 * it began. It is part of an alert's identity, so one episode alerts once, whatever month it lasts into.
 */
public record VendorEpisode(String vendor, Instant since) {

    public VendorEpisode {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(since, "since");
        if (vendor.isBlank()) {
            throw new IllegalArgumentException("an episode's vendor must not be blank");
        }
    }

    /** The month the episode began in: its alerts are kept there, so they survive the month boundary. */
    public YearMonth month() {
        return YearMonth.from(since.atZone(ZoneOffset.UTC));
    }
}
