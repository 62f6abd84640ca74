package dev.burnrate.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import dev.burnrate.provider.DailyCost;

/**
 * A vendor's day as stored: the billed cost, when it was fetched, whether the vendor may still revise it, the
 * day's token and request counts where the vendor reports usage (null otherwise, or before they were read), and a
 * sharp drop the vendor reported for it that is held back until a later read confirms it (null when none), and
 * what it counted after each read that changed it ({@link Revision}s, oldest first), so a replay can use only
 * what was known by its instant.
 */
public record DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional, UsageTotals usage, Held held,
        java.util.List<Revision> revisions) {

    /** Revisions kept per day, the newest: enough for a day's hourly growth and its later corrections. */
    public static final int MAX_REVISIONS = 60;

    /**
     * What the day counted from the read at {@code at} on, in dollars, in all and by project or workspace.
     */
    public record Revision(Instant at, BigDecimal totalUsd, java.util.Map<String, BigDecimal> byProject) {
        public Revision {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(totalUsd, "totalUsd");
            byProject = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byProject));
        }

        /** The revision a read at {@code at} of {@code cost} makes. */
        public static Revision of(DailyCost cost, Instant at) {
            java.util.Map<String, BigDecimal> projects = new java.util.TreeMap<>();
            cost.lines().forEach(line -> projects.merge(line.project(), line.amountUsd(), BigDecimal::add));
            return new Revision(at, cost.totalUsd(), projects);
        }

        /** True when it counts the same as {@code other}, whenever it was read. */
        boolean sameFigures(Revision other) {
            if (totalUsd.compareTo(other.totalUsd) != 0 || !byProject.keySet().equals(other.byProject.keySet())) {
                return false;
            }
            return byProject.entrySet().stream()
                    .allMatch(e -> e.getValue().compareTo(other.byProject.get(e.getKey())) == 0);
        }
    }

    /** {@code before} with the revision of this read appended when it changed the figures, the newest kept. */
    public static java.util.List<Revision> revise(java.util.List<Revision> before, DailyCost cost, Instant at) {
        Revision now = Revision.of(cost, at);
        if (!before.isEmpty() && before.get(before.size() - 1).sameFigures(now)) {
            return before;
        }
        java.util.List<Revision> after = new java.util.ArrayList<>(before);
        after.add(now);
        return after.size() <= MAX_REVISIONS ? after : after.subList(after.size() - MAX_REVISIONS, after.size());
    }

    /**
     * The day as known at {@code asOf}: the last revision read by then, one line per project; empty when the day
     * was first read later. A day stored before revisions were kept is taken as it is.
     */
    public java.util.Optional<DailySnapshot> asOf(Instant asOf) {
        if (revisions.isEmpty()) {
            return java.util.Optional.of(this);
        }
        Revision known = null;
        for (Revision revision : revisions) {
            if (!revision.at().isAfter(asOf)) {
                known = revision;
            }
        }
        if (known == null) {
            return java.util.Optional.empty();
        }
        java.util.List<dev.burnrate.provider.CostLine> lines = new java.util.ArrayList<>();
        Instant at = known.at();
        known.byProject().forEach((project, usd) -> lines.add(new dev.burnrate.provider.CostLine(project,
                "as read " + at, usd, null, null)));
        return java.util.Optional.of(new DailySnapshot(new DailyCost(cost.vendor(), cost.day(), lines), at,
                provisional, usage, null, java.util.List.of(known)));
    }

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
        revisions = revisions == null ? java.util.List.of() : java.util.List.copyOf(revisions);
    }

    public DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional, UsageTotals usage, Held held) {
        this(cost, fetchedAt, provisional, usage, held, java.util.List.of());
    }

    public DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional, UsageTotals usage) {
        this(cost, fetchedAt, provisional, usage, null, java.util.List.of());
    }

    public DailySnapshot(DailyCost cost, Instant fetchedAt, boolean provisional) {
        this(cost, fetchedAt, provisional, null, null, java.util.List.of());
    }
}
