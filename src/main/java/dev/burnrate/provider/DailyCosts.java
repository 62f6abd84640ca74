package dev.burnrate.provider;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects lines per day while a vendor's pages are read, and yields one {@link DailyCost} per day the vendor
 * reported (a bucket with no lines is a day that cost nothing; a day without a bucket is unknown and is not
 * written, so an empty answer never overwrites stored days with zeros).
 */
public final class DailyCosts {

    private final String vendor;
    private final LocalDate from;
    private final LocalDate toExclusive;
    private final Map<LocalDate, List<CostLine>> lines = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    public DailyCosts(String vendor, LocalDate from, LocalDate toExclusive) {
        this.vendor = vendor;
        this.from = from;
        this.toExclusive = toExclusive;
    }

    /** Records that the vendor reported {@code day} (its bucket), even with no lines; outside the window it is ignored. */
    public void report(LocalDate day) {
        if (!day.isBefore(from) && day.isBefore(toExclusive)) {
            lines.computeIfAbsent(day, d -> new ArrayList<>());
        }
    }

    /** Adds a line to its day; lines for days outside the requested window are dropped. */
    public void add(LocalDate day, CostLine line) {
        if (!day.isBefore(from) && day.isBefore(toExclusive)) {
            lines.computeIfAbsent(day, d -> new ArrayList<>()).add(line);
        }
    }

    /** Every day the vendor reported, in order; a reported day without lines cost nothing. */
    public List<DailyCost> days() {
        List<DailyCost> days = new ArrayList<>();
        lines.forEach((day, dayLines) -> days.add(new DailyCost(vendor, day, dayLines)));
        return days;
    }

    /** Something a person should know about this read; it goes into the report. */
    public void note(String note) {
        notes.add(note);
    }

    /** The days and the notes. */
    public VendorCollector.Collected collected() {
        return new VendorCollector.Collected(days(), notes);
    }
}
