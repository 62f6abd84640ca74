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

import dev.burnrate.alert.AlertDecision;
import dev.burnrate.alert.AlertEngine;
import dev.burnrate.alert.AlertKey;
import dev.burnrate.alert.AlertKind;
import dev.burnrate.alert.AlertState;
import dev.burnrate.alert.BudgetCheck;
import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.SpendForecaster;

/**
 * Replays one month of one file: a check after each complete day (daily files) or hour (hourly files), each
 * seeing only the data before it, through the same {@link AlertEngine} as the Lambda with the alert state in
 * memory. On hourly files each vendor's hours feed its runaway episodes, as the usage-reporting vendors' stored
 * hours do in the Lambda.
 */
public final class Backtest {

    private final SpendForecaster forecaster;
    private final Thresholds thresholds;
    private final AlertEngine.Settings settings;

    public Backtest(SpendForecaster forecaster, Thresholds thresholds) {
        this(forecaster, thresholds, AlertEngine.Settings.defaults());
    }

    public Backtest(SpendForecaster forecaster, Thresholds thresholds, AlertEngine.Settings settings) {
        this.forecaster = forecaster;
        this.thresholds = thresholds;
        this.settings = settings;
    }

    /**
     * The total budget's figures, the messages sent, the alerts that recovered and the forecast alerts (of every
     * budget, not already sent) awaiting confirmation at one check.
     */
    public record Check(Instant asOf, BigDecimal monthToDateUsd, Forecast forecast, List<AlertDecision> sent,
            List<AlertKey> recovered, List<AlertDecision> awaiting) {
    }

    /** A message of a runaway episode and the check that sent it. */
    public record RunawayNotice(Instant at, AlertDecision decision) {
    }

    /**
     * @param crossedAt   the first check at which month-to-date spend was above the total budget, or null
     * @param firstWarningAt the first check that sent a forecast alert for the total budget, or null
     * @param runawayNotices every message of a runaway episode (opened, reminders, escalations, accepted, over)
     */
    public record Summary(YearMonth month, boolean hourly, int checks, BigDecimal budgetUsd, BigDecimal finalMonthToDateUsd,
            Instant crossedAt, Instant firstWarningAt, Map<String, Integer> alertCounts,
            List<RunawayNotice> runawayNotices) {

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
        AlertEngine engine = new AlertEngine(budgets, forecaster, thresholds, settings);
        AlertState state = AlertState.inMemory();
        Visible visible = new Visible(history);
        List<Check> checks = new ArrayList<>();
        Instant crossedAt = null;
        Instant firstWarningAt = null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<RunawayNotice> runawayNotices = new ArrayList<>();
        Set<String> vendors = history.isHourly() ? history.hourly().keySet() : history.daily().keySet();
        for (Instant asOf : checkTimes) {
            visible.advanceTo(asOf);
            List<BudgetCheck.Outcome> outcomes = engine.evaluate(visible::spend, asOf, month);
            List<AlertEngine.VendorView> views = vendors.stream().map(v -> new AlertEngine.VendorView(v, false, null,
                    null, null, history.isHourly() ? history.hourly().get(v).headMap(asOf, false) : null)).toList();
            AlertEngine.Situation situation = new AlertEngine.Situation(asOf, month, outcomes, views);
            AlertState.Snapshot before = state.read(AlertEngine.monthsRead(month), vendors);
            AlertEngine.Outcome done = engine.apply(engine.plan(situation, before), state);
            List<AlertDecision> sent = done.sent();
            Forecast forecast = outcomes.get(budgets.indexOf(total)).forecast();
            checks.add(new Check(asOf, forecast.monthToDateUsd(), forecast, sent, done.recovered(),
                    outcomes.stream().flatMap(o -> o.awaiting().stream()).filter(d -> {
                        AlertState.Status status = before.alerts().get(AlertKey.of(month, d));
                        return status == null || !status.active();
                    }).toList()));
            done.recovered().forEach(key -> counts.merge(recoveredLabel(key), 1, Integer::sum));
            if (crossedAt == null && forecast.monthToDateUsd().compareTo(total.monthlyUsd()) > 0) {
                crossedAt = asOf;
            }
            for (AlertDecision decision : sent) {
                counts.merge(label(decision), 1, Integer::sum);
                if (firstWarningAt == null && decision.budget().equals(total)
                        && decision.kind() == AlertKind.FORECAST) {
                    firstWarningAt = asOf;
                }
                if (decision.runaway() != null) {
                    runawayNotices.add(new RunawayNotice(asOf, decision));
                }
            }
        }
        Check last = checks.get(checks.size() - 1);
        Summary summary = new Summary(month, history.isHourly(), checks.size(), total.monthlyUsd(),
                last.monthToDateUsd(), crossedAt, firstWarningAt, counts, runawayNotices);
        return new Result(checks, summary);
    }

    /**
     * How a message is listed: its kind for the total budget, {@code budget:kind} otherwise, {@code kind:vendor}
     * for a vendor's episode.
     */
    public static String label(AlertDecision decision) {
        if (decision.episode() != null) {
            return decision.wireName() + ":" + decision.vendor();
        }
        return decision.budget().isTotal() ? decision.wireName() : decision.budget().id() + ":" + decision.wireName();
    }

    /** How a recovery is listed: {@code recovered:<kind>}, with the budget or vendor as for alerts. */
    public static String recoveredLabel(AlertKey key) {
        if (key.episode() != null) {
            return "recovered:" + key.wireName() + ":" + key.vendor();
        }
        return "recovered:" + (Budget.TOTAL.equals(key.budget()) ? "" : key.budget() + ":") + key.wireName();
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
