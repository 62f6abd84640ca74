package dev.burnrate.provider;

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
 * <p>
 * Each endpoint succeeds or fails on its own: what the others read is here, and {@link #failures()} says which
 * failed and why. The daily lines of a failed kind are missing from {@code daily}; the stored ones stay.
 *
 * @param failures    endpoint to what went wrong, in the order they were read
 * @param failedKinds the usage kinds whose daily counts could not be read
 * @param hourlyRead  false when the hourly counts could not be read (then {@code hourly} is empty)
 */
public record Usage(NavigableMap<LocalDate, List<UsageLine>> daily, NavigableMap<Instant, List<UsageLine>> hourly,
        Map<String, String> failures, java.util.Set<String> failedKinds, boolean hourlyRead) {

    public Usage {
        daily = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(daily));
        hourly = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(hourly));
        failures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failures));
        failedKinds = java.util.Set.copyOf(failedKinds);
    }

    public Usage(NavigableMap<LocalDate, List<UsageLine>> daily, NavigableMap<Instant, List<UsageLine>> hourly) {
        this(daily, hourly, Map.of(), java.util.Set.of(), true);
    }

    /** The failures in one line, or null when every endpoint was read. */
    public String failureSummary() {
        if (failures.isEmpty()) {
            return null;
        }
        return String.join("; ", failures.values());
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
        private final Map<String, String> failures = new java.util.LinkedHashMap<>();
        private final java.util.Set<String> failedKinds = new java.util.TreeSet<>();
        private boolean hourlyRead = true;

        /** @param hourlyFrom the first hour to keep hourly counts from; null reads none */
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

        /** True when hours are asked for: a {@code hourlyFrom} was given. */
        public boolean hoursAsked() {
            return hourlyFrom != null;
        }

        /** An hourly bucket, keyed by the hour's start, and its lines; dropped when no hours were asked for. */
        public void hour(Instant hour, List<UsageLine> lines) {
            if (hourlyFrom != null && !hour.isBefore(hourlyFrom) && hour.isBefore(hourlyTo)) {
                hourly.computeIfAbsent(hour, h -> new ArrayList<>()).addAll(lines);
            }
        }

        /**
         * Records that {@code endpoint} failed: its daily {@code kind} (null for an hourly endpoint) keeps what is
         * stored, and the other endpoints go on.
         */
        public void failed(String endpoint, String kind, VendorException failure) {
            failures.put(endpoint, failure.getMessage());
            if (kind == null) {
                hourlyRead = false;
                hourly.clear();
            } else {
                failedKinds.add(kind);
                daily.values().forEach(lines -> lines.removeIf(line -> line.kind().equals(kind)));
            }
        }

        /**
         * Reads one endpoint: {@code read} runs, and a vendor failure in it is recorded rather than thrown. An
         * interrupted thread (the time budget ended) stops at once.
         */
        public void read(String endpoint, String kind, Runnable read) {
            try {
                read.run();
            } catch (VendorException e) {
                failed(endpoint, kind, e);
                if (VendorCalls.budgetEnded()) {
                    throw e;
                }
            }
        }

        /** A builder for the same windows, to read one endpoint into on its own thread, then {@link #merge}. */
        public Builder part() {
            return new Builder(from, toExclusive, hourlyFrom);
        }

        /** What {@code part} read: its buckets, failures and failed kinds, after what this builder holds. */
        public void merge(Builder part) {
            part.daily.forEach((day, lines) -> daily.computeIfAbsent(day, d -> new ArrayList<>()).addAll(lines));
            part.hourly.forEach((hour, lines) -> hourly.computeIfAbsent(hour, h -> new ArrayList<>()).addAll(lines));
            failures.putAll(part.failures);
            failedKinds.addAll(part.failedKinds);
            if (!part.hourlyRead) {
                hourlyRead = false;
                hourly.clear();
            }
        }

        public Usage build() {
            return new Usage(daily, hourly, failures, failedKinds, hourlyRead);
        }
    }
}
