package dev.burnrate.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeMap;

import dev.burnrate.budget.AlertDecision;
import dev.burnrate.budget.AlertKey;
import dev.burnrate.budget.AlertPlanner;
import dev.burnrate.budget.AlertState;
import dev.burnrate.budget.Budget;
import dev.burnrate.budget.BudgetCheck;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.budget.Trigger;
import dev.burnrate.budget.VendorEpisode;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.RunawayDetector;
import dev.burnrate.forecast.SpendForecaster;

/**
 * Replays one month of one file: a check after each complete day (daily files) or hour (hourly files), each
 * seeing only the data before it, through {@link BudgetCheck} and {@link AlertPlanner} with alert state in
 * memory, plus the {@link RunawayDetector} per vendor on hourly files.
 */
public final class Backtest {

    private final BudgetCheck budgetCheck;
    private final AlertPlanner planner = new AlertPlanner();
    private final RunawayDetector runaways = new RunawayDetector();

    public Backtest(SpendForecaster forecaster, Thresholds thresholds) {
        this.budgetCheck = new BudgetCheck(forecaster, thresholds);
    }

    /** The total budget's figures, the alerts sent and the alerts that recovered at one check. */
    public record Check(Instant asOf, BigDecimal monthToDateUsd, Forecast forecast, List<AlertDecision> sent,
            List<AlertKey> recovered) {
    }

    /**
     * @param crossedAt   the first check at which month-to-date spend was above the total budget, or null
     * @param firstWarningAt the first check that sent a forecast alert for the total budget, or null
     */
    public record Summary(YearMonth month, boolean hourly, int checks, BigDecimal budgetUsd, BigDecimal finalMonthToDateUsd,
            Instant crossedAt, Instant firstWarningAt, Map<String, Integer> alertCounts,
            List<AlertDecision> runawayAlerts, List<Instant> runawayAlertTimes) {

        public boolean overBudget() {
            return crossedAt != null;
        }

        public boolean warnedBeforeCrossing() {
            return crossedAt != null && firstWarningAt != null && firstWarningAt.isBefore(crossedAt);
        }

        /** Days from the first warning to the crossing; null without both. */
        public BigDecimal leadDays() {
            if (crossedAt == null || firstWarningAt == null) {
                return null;
            }
            return BigDecimal.valueOf(Duration.between(firstWarningAt, crossedAt).toMinutes())
                    .divide(BigDecimal.valueOf(24 * 60), 2, RoundingMode.HALF_UP);
        }
    }

    public record Result(List<Check> checks, Summary summary) {
    }

    /**
     * @param budgets the total budget first, then any vendor budgets
     */
    public Result replay(SpendHistory history, YearMonth month, List<Budget> budgets) {
        Budget total = budgets.stream().filter(Budget::isTotal).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a total budget is required"));
        List<Instant> checkTimes = checkTimes(history, month);
        if (checkTimes.isEmpty()) {
            throw new IllegalArgumentException(history.file() + ": has no data in " + month);
        }
        AlertState state = AlertState.inMemory();
        Visible visible = new Visible(history);
        List<Check> checks = new ArrayList<>();
        Instant crossedAt = null;
        Instant firstWarningAt = null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<AlertDecision> runawayAlerts = new ArrayList<>();
        List<Instant> runawayTimes = new ArrayList<>();
        for (Instant asOf : checkTimes) {
            visible.advanceTo(asOf);
            List<BudgetCheck.Outcome> outcomes = budgetCheck.evaluate(budgets, visible::spend, asOf);
            List<AlertDecision> due = new ArrayList<>(BudgetCheck.due(outcomes));
            Set<AlertKey> holding = new HashSet<>(BudgetCheck.holding(month, outcomes));
            if (history.isHourly()) {
                for (AlertDecision runaway : runawaysDue(history, asOf, total)) {
                    due.add(runaway);
                    holding.add(AlertKey.of(month, runaway));
                }
            }
            AlertPlanner.Plan plan = planner.plan(month, due, holding, state);
            List<AlertDecision> sent = plan.send();
            Forecast forecast = outcomes.get(budgets.indexOf(total)).forecast();
            checks.add(new Check(asOf, forecast.monthToDateUsd(), forecast, sent, plan.recovered()));
            plan.recovered().forEach(key -> counts.merge(recoveredLabel(key), 1, Integer::sum));
            if (crossedAt == null && forecast.monthToDateUsd().compareTo(total.monthlyUsd()) > 0) {
                crossedAt = asOf;
            }
            for (AlertDecision decision : sent) {
                counts.merge(label(decision), 1, Integer::sum);
                if (firstWarningAt == null && decision.budget().equals(total)
                        && decision.trigger() == Trigger.FORECAST) {
                    firstWarningAt = asOf;
                }
                if (decision.trigger() == Trigger.RUNAWAY) {
                    runawayAlerts.add(decision);
                    runawayTimes.add(asOf);
                }
            }
        }
        Check last = checks.get(checks.size() - 1);
        Summary summary = new Summary(month, history.isHourly(), checks.size(), total.monthlyUsd(),
                last.monthToDateUsd(), crossedAt, firstWarningAt, counts, runawayAlerts, runawayTimes);
        return new Result(checks, summary);
    }

    /** How an alert is listed: its kind for the total budget, {@code budget:kind} otherwise, {@code runaway:vendor}. */
    public static String label(AlertDecision decision) {
        if (decision.trigger() == Trigger.RUNAWAY) {
            return "runaway:" + VendorEpisode.vendor(decision.episode()).orElseThrow();
        }
        return decision.budget().isTotal() ? decision.kind() : decision.budget().id() + ":" + decision.kind();
    }

    /** How a recovery is listed: {@code recovered:<kind>}, with the budget or vendor as for alerts. */
    public static String recoveredLabel(AlertKey key) {
        Optional<String> vendor = VendorEpisode.vendor(key.episode());
        if (vendor.isPresent()) {
            return "recovered:" + key.kind() + ":" + vendor.get();
        }
        return "recovered:" + (Budget.TOTAL.equals(key.budget()) ? "" : key.budget() + ":") + key.kind();
    }

    private List<AlertDecision> runawaysDue(SpendHistory history, Instant asOf, Budget total) {
        List<AlertDecision> due = new ArrayList<>();
        history.hourly().forEach((vendor, hours) -> {
            Optional<RunawayDetector.Finding> finding = runaways.evaluate(hours, asOf);
            finding.ifPresent(f -> due.add(new AlertDecision(Trigger.RUNAWAY, total, 0, f.hourUsd(),
                    f.baselineUsd(), VendorEpisode.of(vendor, f.startedAt()))));
        });
        return due;
    }

    /** After each complete day or hour of {@code month} that the file has data for. */
    private static List<Instant> checkTimes(SpendHistory history, YearMonth month) {
        List<Instant> times = new ArrayList<>();
        Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (history.isHourly()) {
            Instant lastHour = history.hourly().values().stream().map(NavigableMap::lastKey).max(Instant::compareTo)
                    .orElseThrow();
            for (Instant hour = monthStart; hour.isBefore(monthEnd) && !hour.isAfter(lastHour);
                    hour = hour.plus(Duration.ofHours(1))) {
                times.add(hour.plus(Duration.ofHours(1)));
            }
        } else {
            LocalDate lastDay = history.daily().values().stream().map(NavigableMap::lastKey).max(LocalDate::compareTo)
                    .orElseThrow();
            for (LocalDate day = month.atDay(1); YearMonth.from(day).equals(month) && !day.isAfter(lastDay);
                    day = day.plusDays(1)) {
                times.add(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        }
        return times;
    }

    /** Daily spend per vendor as seen at a check: only what lies before it. */
    private static final class Visible {
        private final SpendHistory history;
        private final Map<String, NavigableMap<LocalDate, BigDecimal>> days = new TreeMap<>();
        private final Map<String, Instant> hourCursor = new TreeMap<>();
        private Instant asOf;

        Visible(SpendHistory history) {
            this.history = history;
        }

        void advanceTo(Instant asOf) {
            this.asOf = asOf;
            if (!history.isHourly()) {
                return;
            }
            history.hourly().forEach((vendor, hours) -> {
                Instant from = hourCursor.get(vendor);
                NavigableMap<Instant, BigDecimal> fresh = from == null ? hours.headMap(asOf, false)
                        : hours.subMap(from, false, asOf, false);
                NavigableMap<LocalDate, BigDecimal> vendorDays = days.computeIfAbsent(vendor, v -> new TreeMap<>());
                fresh.forEach((hour, usd) -> {
                    vendorDays.merge(hour.atZone(ZoneOffset.UTC).toLocalDate(), usd, BigDecimal::add);
                    hourCursor.put(vendor, hour);
                });
            });
        }

        NavigableMap<LocalDate, BigDecimal> spend(Budget budget) {
            NavigableMap<LocalDate, BigDecimal> total = new TreeMap<>();
            LocalDate asOfDay = asOf.atZone(ZoneOffset.UTC).toLocalDate();
            Map<String, NavigableMap<LocalDate, BigDecimal>> source = history.isHourly() ? days : history.daily();
            source.forEach((vendor, vendorDays) -> {
                if (budget.covers(vendor, null)) {
                    NavigableMap<LocalDate, BigDecimal> seen = history.isHourly() ? vendorDays
                            : vendorDays.headMap(asOfDay, false);
                    seen.forEach((day, usd) -> total.merge(day, usd, BigDecimal::add));
                }
            });
            return total;
        }
    }
}
