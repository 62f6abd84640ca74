package dev.burnrate.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

import org.jboss.logging.Logger;

import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;

/**
 * Keeps a day's cost snapshot small: its {@value #MAX_LINES} largest lines as they are and the rest summed per
 * project and currency into one line {@code (N more items)}, so what an hourly check reads grows with projects, not
 * with lines; and inside {@link #BUDGET_BYTES}, well under DynamoDB's 400 KB item limit, whatever number of lines,
 * projects and revisions it has. No figure a budget or an alert uses changes. Beyond the line limit, in order:
 * <ol>
 * <li>the oldest revisions go first, down to the newest {@value #MIN_REVISIONS};</li>
 * <li>then the smallest lines (by absolute dollars) are summed per project and currency into one line
 * {@code (N more items)}, so each project's total and the day's total stay exact;</li>
 * <li>then, for a day with more projects than fit, the smallest projects are summed into
 * {@value #OTHER_PROJECTS} (in the lines and in the kept revisions).</li>
 * </ol>
 * The largest lines, which the drivers in messages name, are the ones kept. A day that needed any of this is
 * logged with what was kept.
 */
final class CostItemFit {

    private static final Logger LOG = Logger.getLogger(CostItemFit.class);
    /** Room left under the 400 KB limit for the attributes a hold adds and for the estimate's error. */
    static final int BUDGET_BYTES = 300 * 1024;
    static final int MIN_REVISIONS = 2;
    /**
     * Lines kept as they are: the largest. Every hourly check reads the month's items, so a day's lines are bounded
     * by its projects, not by how finely the vendor itemises them (a large organisation's thousands of lines).
     */
    static final int MAX_LINES = 100;
    static final String OTHER_PROJECTS = "(other projects)";

    private CostItemFit() {
    }

    /** {@code snapshot}, or the smallest change of it whose item ({@code size}) fits. */
    static DailySnapshot fit(DailySnapshot snapshot, ToIntFunction<DailySnapshot> size) {
        DailySnapshot fitted = snapshot;
        if (snapshot.cost().lines().size() > MAX_LINES) {
            fitted = with(snapshot, largestLines(snapshot.cost().lines(), MAX_LINES), snapshot.revisions());
            LOG.infof("vendor %s: %s has %d lines; stored as its %d largest and the rest summed per project (%d lines)",
                    snapshot.cost().vendor(), snapshot.cost().day(), snapshot.cost().lines().size(), MAX_LINES,
                    fitted.cost().lines().size());
        }
        if (size.applyAsInt(fitted) <= BUDGET_BYTES) {
            return fitted;
        }
        while (size.applyAsInt(fitted) > BUDGET_BYTES && fitted.revisions().size() > MIN_REVISIONS) {
            List<DailySnapshot.Revision> revisions = fitted.revisions();
            int keep = Math.max(MIN_REVISIONS, revisions.size() / 2);
            fitted = with(fitted, fitted.cost().lines(), revisions.subList(revisions.size() - keep, revisions.size()));
        }
        for (int keep = Math.min(MAX_LINES, snapshot.cost().lines().size()) / 2;
                size.applyAsInt(fitted) > BUDGET_BYTES && keep >= 1;
                keep /= 2) {
            fitted = with(fitted, largestLines(snapshot.cost().lines(), keep), fitted.revisions());
        }
        for (int keep = projects(fitted.cost().lines()) / 2; size.applyAsInt(fitted) > BUDGET_BYTES && keep >= 1;
                keep /= 2) {
            fitted = largestProjects(fitted, keep);
        }
        LOG.warnf("vendor %s: %s has %d line(s) and %d revision(s), more than one DynamoDB item holds; stored as %d "
                + "line(s) and %d revision(s), the day's and every kept project's total unchanged",
                snapshot.cost().vendor(), snapshot.cost().day(), snapshot.cost().lines().size(),
                snapshot.revisions().size(), fitted.cost().lines().size(), fitted.revisions().size());
        return fitted;
    }

    private static DailySnapshot with(DailySnapshot snapshot, List<CostLine> lines,
            List<DailySnapshot.Revision> revisions) {
        return new DailySnapshot(new DailyCost(snapshot.cost().vendor(), snapshot.cost().day(), lines),
                snapshot.fetchedAt(), snapshot.provisional(), snapshot.usage(), snapshot.held(), revisions);
    }

    private static int projects(List<CostLine> lines) {
        return (int) lines.stream().map(CostLine::project).distinct().count();
    }

    /** The {@code keep} largest lines as they are; the rest summed per project, currency and how dollars were found. */
    static List<CostLine> largestLines(List<CostLine> lines, int keep) {
        List<CostLine> bySize = new ArrayList<>(lines);
        bySize.sort(Comparator.comparing((CostLine line) -> line.amountUsd().abs()).reversed());
        List<CostLine> kept = new ArrayList<>(bySize.subList(0, Math.min(keep, bySize.size())));
        kept.addAll(summed(bySize.subList(Math.min(keep, bySize.size()), bySize.size()), CostLine::project));
        return kept;
    }

    /** Lines summed per group, currency and dollar source, each named {@code (N more items)}. */
    private static List<CostLine> summed(List<CostLine> lines, java.util.function.Function<CostLine, String> project) {
        Map<List<Object>, List<CostLine>> groups = new LinkedHashMap<>();
        lines.forEach(line -> groups.computeIfAbsent(List.of(project.apply(line), line.currency(), line.usd()),
                g -> new ArrayList<>()).add(line));
        List<CostLine> summed = new ArrayList<>();
        groups.forEach((group, members) -> {
            BigDecimal usd = members.stream().map(CostLine::amountUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal amount = members.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            String name = "(" + members.size() + " more items)";
            CostLine first = members.get(0);
            summed.add(first.isUsd() ? new CostLine((String) group.get(0), name, usd, null, null)
                    : new CostLine((String) group.get(0), name, usd, null, null, first.currency(), amount,
                            first.usd()));
        });
        return summed;
    }

    /** The {@code keep} projects with the most dollars as they are; the others as one project, in lines and revisions. */
    private static DailySnapshot largestProjects(DailySnapshot snapshot, int keep) {
        Map<String, BigDecimal> byProject = new TreeMap<>();
        snapshot.cost().lines().forEach(line -> byProject.merge(line.project(), line.amountUsd().abs(),
                BigDecimal::add));
        java.util.Set<String> kept = new java.util.HashSet<>(byProject.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()).limit(keep)
                .map(Map.Entry::getKey).toList());
        List<CostLine> lines = new ArrayList<>();
        List<CostLine> others = new ArrayList<>();
        snapshot.cost().lines().forEach(line -> (kept.contains(line.project()) ? lines : others).add(line));
        lines.addAll(summed(others, line -> OTHER_PROJECTS));
        List<DailySnapshot.Revision> revisions = snapshot.revisions().stream().map(revision -> {
            Map<String, BigDecimal> projects = new TreeMap<>();
            revision.byProject().forEach((project, usd) -> projects.merge(kept.contains(project) ? project
                    : OTHER_PROJECTS, usd, BigDecimal::add));
            return new DailySnapshot.Revision(revision.at(), revision.totalUsd(), projects);
        }).toList();
        return with(snapshot, lines, revisions);
    }
}
