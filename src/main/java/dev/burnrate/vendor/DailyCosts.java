package dev.burnrate.vendor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects lines per day while a vendor's pages are read, and yields one {@link DailyCost} per day. */
public final class DailyCosts {

    private final String vendor;
    private final LocalDate from;
    private final LocalDate toExclusive;
    private final Map<LocalDate, List<CostLine>> lines = new TreeMap<>();

    public DailyCosts(String vendor, LocalDate from, LocalDate toExclusive) {
        this.vendor = vendor;
        this.from = from;
        this.toExclusive = toExclusive;
    }

    /** Adds a line to its day; lines for days outside the requested window are dropped. */
    public void add(LocalDate day, CostLine line) {
        if (!day.isBefore(from) && day.isBefore(toExclusive)) {
            lines.computeIfAbsent(day, d -> new ArrayList<>()).add(line);
        }
    }

    /** Every day of the window in order, days without lines included as zero-cost days. */
    public List<DailyCost> days() {
        List<DailyCost> days = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(toExclusive); day = day.plusDays(1)) {
            days.add(new DailyCost(vendor, day, lines.getOrDefault(day, List.of())));
        }
        return days;
    }
}
