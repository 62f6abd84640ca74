package dev.burnrate.vendor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A vendor's token and request counts: per UTC day for the collected window, and per hour for its last days
 * (the runaway detector's input). Only buckets the vendor reported are here: a reported bucket without lines
 * used nothing; a missing one is unknown and is not written.
 */
public record Usage(NavigableMap<LocalDate, List<UsageLine>> daily, NavigableMap<Instant, List<UsageLine>> hourly) {

    public Usage {
        daily = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(daily));
        hourly = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(hourly));
    }

    /** The hourly buckets grouped by their UTC day. */
    public Map<LocalDate, NavigableMap<Instant, List<UsageLine>>> hoursByDay() {
        Map<LocalDate, NavigableMap<Instant, List<UsageLine>>> days = new TreeMap<>();
        hourly.forEach((hour, lines) -> days.computeIfAbsent(hour.atZone(ZoneOffset.UTC).toLocalDate(),
                d -> new TreeMap<>()).put(hour, lines));
        return days;
    }

    /** Collects buckets while a vendor's pages are read; buckets outside the asked-for windows are dropped. */
    public static final class Builder {
        private final LocalDate from;
        private final LocalDate toExclusive;
        private final Instant hourlyFrom;
        private final Instant hourlyTo;
        private final NavigableMap<LocalDate, List<UsageLine>> daily = new TreeMap<>();
        private final NavigableMap<Instant, List<UsageLine>> hourly = new TreeMap<>();

        public Builder(LocalDate from, LocalDate toExclusive, Instant hourlyFrom) {
            this.from = from;
            this.toExclusive = toExclusive;
            this.hourlyFrom = hourlyFrom;
            this.hourlyTo = toExclusive.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** A daily bucket and its lines (none: the day used nothing). */
        public void day(LocalDate day, List<UsageLine> lines) {
            if (!day.isBefore(from) && day.isBefore(toExclusive)) {
                daily.computeIfAbsent(day, d -> new ArrayList<>()).addAll(lines);
            }
        }

        /** An hourly bucket, keyed by the hour's start, and its lines. */
        public void hour(Instant hour, List<UsageLine> lines) {
            if (!hour.isBefore(hourlyFrom) && hour.isBefore(hourlyTo)) {
                hourly.computeIfAbsent(hour, h -> new ArrayList<>()).addAll(lines);
            }
        }

        public Usage build() {
            return new Usage(daily, hourly);
        }
    }
}
