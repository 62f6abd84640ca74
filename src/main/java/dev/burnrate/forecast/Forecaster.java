package dev.burnrate.forecast;

import static dev.burnrate.forecast.Stats.MC;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;

/**
 * burnrate's month-end forecast: what is already billed, plus every remaining day at a robust, weekday-aware,
 * trend-following daily rate.
 * <ol>
 * <li><b>Weekly pattern.</b> With two weeks of history or more, weekdays and weekends get their own factor
 * (median weekday and weekend spend over the last four weeks against their weighted mean).</li>
 * <li><b>Trend.</b> A Theil-Sen slope of the de-seasonalised days over the last 14 and the last 7 days; it is
 * used only when both agree in sign, and then the smaller one, so noise and a single step do not become a
 * trend but sustained growth or decline does.</li>
 * <li><b>Level.</b> The median of the last 7 de-seasonalised days, each carried to today along the trend. A
 * one-day spike, a refund or a month-start batch is one value of seven and does not move it; it still counts
 * in month-to-date spend, once.</li>
 * <li><b>Today</b> counts as what is billed so far or one expected day, whichever is larger, because vendors
 * report the current day late.</li>
 * <li><b>P90</b> adds 1.28 standard deviations of the remaining days' total: the day-to-day scatter (robust,
 * from the last 28 days' residuals) and the uncertainty of the level itself.</li>
 * <li>With fewer than {@value #MIN_COMPLETE_DAYS} complete days of data it says "not enough data yet".</li>
 * </ol>
 * Plain Java on {@link BigDecimal}: no CDI, no AWS, no I/O.
 */
public final class Forecaster implements SpendForecaster {

    static final int MIN_COMPLETE_DAYS = 3;
    static final int LEVEL_WINDOW = 14;
    /** The recent days that, when they stand apart from the level, are taken as a step change. */
    static final int STEP_WINDOW = 7;
    static final int STEP_SIGMAS = 3;
    static final int TREND_WINDOW = 14;
    static final int SPREAD_WINDOW = 28;
    static final int PATTERN_MIN_DAYS = 7;
    private static final BigDecimal Z90 = new BigDecimal("1.2816");
    /** Standard error of a median of n normal values is about 1.2533 sigma / sqrt(n). */
    private static final BigDecimal MEDIAN_SE = new BigDecimal("1.2533");
    /** Days whose factor is below this carry too little signal to de-seasonalise (weekends at zero). */
    private static final BigDecimal MIN_FACTOR = new BigDecimal("0.2");
    /** Trend damping per day ahead: a trend is followed, but not extrapolated to the end of time. */
    static final BigDecimal DAMPING = new BigDecimal("0.93");
    static final int OUTLIER_SIGMAS = 4;
    /** Two-sided 1% significance for the Mann-Kendall trend test: checks run daily, so chance trends abound. */
    static final double TREND_Z = 2.58;

    @Override
    public Forecast forecast(NavigableMap<LocalDate, BigDecimal> dailyTotals, Instant asOf, YearMonth month,
            BigDecimal budgetUsd) {
        Objects.requireNonNull(dailyTotals, "dailyTotals");
        LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        Objects.requireNonNull(month, "month");
        if (today.isBefore(month.atDay(1))) {
            throw new IllegalArgumentException("asOf " + asOf + " is before the month " + month);
        }
        if (today.isAfter(month.atEndOfMonth())) {
            BigDecimal total = sum(dailyTotals.subMap(month.atDay(1), true, month.atEndOfMonth(), true));
            return new Forecast(money(total), money(total), money(total), null,
                    actualCrossing(dailyTotals, month, month.atEndOfMonth(), budgetUsd), null);
        }
        BigDecimal beforeToday = sum(dailyTotals.subMap(month.atDay(1), true, today, false));
        BigDecimal todaySoFar = dailyTotals.getOrDefault(today, BigDecimal.ZERO);
        BigDecimal monthToDate = beforeToday.add(todaySoFar);
        LocalDate crossed = actualCrossing(dailyTotals, month, today, budgetUsd);

        List<Day> history = completeDays(dailyTotals, today);
        if (history.size() < MIN_COMPLETE_DAYS) {
            return new Forecast(money(monthToDate), null, null, null, crossed,
                    "not enough data yet: " + history.size() + " complete day(s), need " + MIN_COMPLETE_DAYS);
        }

        Pattern weekly = Pattern.of(history);
        List<Day> usable = history.stream().filter(d -> weekly.factor(d.date).compareTo(MIN_FACTOR) >= 0).toList();
        Pattern p = weekly;
        if (usable.size() < MIN_COMPLETE_DAYS) {
            usable = history;
            p = Pattern.FLAT;
        }
        if (p != Pattern.FLAT) {
            usable = withoutOutliers(usable, p);
        }
        List<BigDecimal> t = new ArrayList<>();
        List<BigDecimal> x = new ArrayList<>();
        for (Day day : usable) {
            t.add(BigDecimal.valueOf(ChronoUnit.DAYS.between(today, day.date)));
            x.add(day.usd.divide(p.factor(day.date), MC));
        }
        BigDecimal slope = trend(t, x);
        List<BigDecimal> carried = new ArrayList<>();
        for (int i = Math.max(0, x.size() - LEVEL_WINDOW); i < x.size(); i++) {
            carried.add(x.get(i).subtract(slope.multiply(t.get(i), MC)));
        }
        List<BigDecimal> recent = carried.subList(Math.max(0, carried.size() - STEP_WINDOW), carried.size());

        List<BigDecimal> residuals = new ArrayList<>();
        BigDecimal center = Stats.median(carried);
        for (int i = Math.max(0, x.size() - SPREAD_WINDOW); i < x.size(); i++) {
            residuals.add(x.get(i).subtract(center.add(slope.multiply(t.get(i), MC))));
        }
        BigDecimal sigma = Stats.mad(residuals).multiply(Stats.MAD_TO_SIGMA, MC);
        BigDecimal level;
        int levelDays = carried.size();
        if (carried.size() < STEP_WINDOW) {
            level = lowMean(carried);
        } else {
            BigDecimal stepMedian = Stats.median(recent);
            BigDecimal stepError = MEDIAN_SE.multiply(sigma, MC)
                    .divide(BigDecimal.valueOf(recent.size()).sqrt(MC), MC);
            boolean stepped = stepMedian.subtract(center).abs()
                    .compareTo(stepError.multiply(BigDecimal.valueOf(STEP_SIGMAS), MC)) > 0;
            level = stepped ? stepMedian : center;
            levelDays = stepped ? recent.size() : carried.size();
        }
        level = level.max(BigDecimal.ZERO);
        BigDecimal levelError = MEDIAN_SE.multiply(sigma, MC)
                .divide(BigDecimal.valueOf(levelDays).sqrt(MC), MC);

        int daysLeft = month.lengthOfMonth() - today.getDayOfMonth();
        BigDecimal todayProjected = todaySoFar.max(expected(level, slope, p, today, 0));
        BigDecimal p50 = beforeToday.add(todayProjected);
        BigDecimal factorSum = p.factor(today);
        BigDecimal factorSquares = factorSum.multiply(factorSum, MC);
        LocalDate crossing = crossed;
        if (crossing == null && budgetUsd != null && p50.compareTo(budgetUsd) > 0) {
            crossing = today;
        }
        List<Forecast.PathDay> path = new ArrayList<>();
        path.add(new Forecast.PathDay(today, money(p50), money(p50.add(spread(sigma, levelError, factorSum,
                factorSquares)))));
        for (int ahead = 1; ahead <= daysLeft; ahead++) {
            LocalDate day = today.plusDays(ahead);
            p50 = p50.add(expected(level, slope, p, today, ahead));
            BigDecimal f = p.factor(day);
            factorSum = factorSum.add(f);
            factorSquares = factorSquares.add(f.multiply(f, MC));
            if (crossing == null && budgetUsd != null && p50.compareTo(budgetUsd) > 0) {
                crossing = day;
            }
            path.add(new Forecast.PathDay(day, money(p50),
                    money(p50.add(spread(sigma, levelError, factorSum, factorSquares)))));
        }
        BigDecimal p90 = p50.add(spread(sigma, levelError, factorSum, factorSquares));
        return new Forecast(money(monthToDate), money(p50), money(p90), money(level), crossing, null, path);
    }

    /**
     * How far above the P50 path the P90 lies after days whose weekly factors sum to {@code factorSum}: the day-to-day
     * spread of each day and the uncertainty of the level, which every day shares.
     */
    private static BigDecimal spread(BigDecimal sigma, BigDecimal levelError, BigDecimal factorSum,
            BigDecimal factorSquares) {
        BigDecimal variance = sigma.pow(2, MC).multiply(factorSquares, MC)
                .add(levelError.multiply(factorSum, MC).pow(2, MC));
        return Z90.multiply(variance.sqrt(MC), MC);
    }

    /**
     * Expected spend {@code ahead} days after today: the level plus the damped trend (each further day adds
     * {@value #DAMPING} of the previous day's increment), times the day's weekly factor; never negative.
     */
    private static BigDecimal expected(BigDecimal level, BigDecimal slope, Pattern pattern, LocalDate today,
            int ahead) {
        BigDecimal damped = BigDecimal.ZERO;
        BigDecimal step = BigDecimal.ONE;
        for (int k = 1; k <= ahead; k++) {
            step = step.multiply(DAMPING, MC);
            damped = damped.add(step);
        }
        BigDecimal base = level.add(slope.multiply(damped, MC)).max(BigDecimal.ZERO);
        return base.multiply(pattern.factor(today.plusDays(ahead)), MC);
    }

    /**
     * Drops days that stand far from their neighbours (a Hampel filter: more than {@value #OUTLIER_SIGMAS} robust
     * standard deviations from the median of the five days around them): one-off spikes, refunds and batches.
     * A sustained step is not an outlier, because its neighbours move with it.
     */
    private static List<Day> withoutOutliers(List<Day> days, Pattern pattern) {
        if (days.size() < 5) {
            return days;
        }
        List<BigDecimal> x = days.stream().map(d -> d.usd.divide(pattern.factor(d.date), MC)).toList();
        List<BigDecimal> deviations = new ArrayList<>();
        List<BigDecimal> local = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            BigDecimal m = Stats.median(x.subList(Math.max(0, i - 2), Math.min(x.size(), i + 3)));
            local.add(m);
            deviations.add(x.get(i).subtract(m).abs());
        }
        BigDecimal sigma = Stats.median(deviations).multiply(Stats.MAD_TO_SIGMA, MC);
        if (sigma.signum() == 0) {
            return days;
        }
        BigDecimal limit = sigma.multiply(BigDecimal.valueOf(OUTLIER_SIGMAS), MC);
        List<Day> kept = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            if (deviations.get(i).compareTo(limit) <= 0) {
                kept.add(days.get(i));
            }
        }
        return kept.size() >= MIN_COMPLETE_DAYS ? kept : days;
    }

    /** With fewer than a week of days, the mean without the largest value: a batch day is not the rate. */
    private static BigDecimal lowMean(List<BigDecimal> values) {
        if (values.size() < 3) {
            return Stats.median(values);
        }
        BigDecimal max = values.stream().max(BigDecimal::compareTo).orElseThrow();
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).subtract(max);
        return sum.divide(BigDecimal.valueOf(values.size() - 1L), MC);
    }

    /**
     * The Theil-Sen slope of the last {@value #TREND_WINDOW} days, used only when a Mann-Kendall test finds the
     * trend significant (|Z| at least {@value #TREND_Z}); otherwise no trend. Noise that happens to rise over a
     * week is not a trend; sustained growth or decline is.
     */
    private static BigDecimal trend(List<BigDecimal> t, List<BigDecimal> x) {
        int n = x.size();
        if (n < STEP_WINDOW) {
            return BigDecimal.ZERO;
        }
        int from = Math.max(0, n - TREND_WINDOW);
        List<BigDecimal> tw = t.subList(from, n);
        List<BigDecimal> xw = x.subList(from, n);
        int m = xw.size();
        long s = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                s += Integer.signum(xw.get(j).compareTo(xw.get(i)));
            }
        }
        double variance = m * (m - 1.0) * (2.0 * m + 5.0) / 18.0;
        double z = (s - Math.signum(s)) / Math.sqrt(variance);
        if (Math.abs(z) < TREND_Z) {
            return BigDecimal.ZERO;
        }
        return Stats.theilSen(tw, xw);
    }

    /** The day the month's actual spend first went above the budget, if it has. */
    static LocalDate actualCrossing(NavigableMap<LocalDate, BigDecimal> totals, YearMonth month, LocalDate today,
            BigDecimal budgetUsd) {
        if (budgetUsd == null) {
            return null;
        }
        BigDecimal cumulative = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, BigDecimal> entry : totals.subMap(month.atDay(1), true, today, true).entrySet()) {
            cumulative = cumulative.add(entry.getValue());
            if (cumulative.compareTo(budgetUsd) > 0) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Complete days before today, oldest first, from the first day with data, at most {@value #SPREAD_WINDOW}. */
    private static List<Day> completeDays(NavigableMap<LocalDate, BigDecimal> totals, LocalDate today) {
        List<Day> days = new ArrayList<>();
        if (totals.isEmpty() || !totals.firstKey().isBefore(today)) {
            return days;
        }
        LocalDate start = today.minusDays(SPREAD_WINDOW);
        if (start.isBefore(totals.firstKey())) {
            start = totals.firstKey();
        }
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            days.add(new Day(day, totals.getOrDefault(day, BigDecimal.ZERO)));
        }
        return days;
    }

    static BigDecimal sum(Map<LocalDate, BigDecimal> days) {
        return days.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private record Day(LocalDate date, BigDecimal usd) {
    }

    /** Weekday and weekend factors whose weighted mean (5:2) is one. */
    private record Pattern(BigDecimal weekday, BigDecimal weekend) {

        static final Pattern FLAT = new Pattern(BigDecimal.ONE, BigDecimal.ONE);

        static Pattern of(List<Day> history) {
            if (history.size() < PATTERN_MIN_DAYS) {
                return FLAT;
            }
            List<BigDecimal> weekdays = new ArrayList<>();
            List<BigDecimal> weekends = new ArrayList<>();
            for (Day day : history) {
                (isWeekend(day.date) ? weekends : weekdays).add(day.usd.max(BigDecimal.ZERO));
            }
            if (weekdays.size() < 4 || weekends.size() < 2) {
                return FLAT;
            }
            BigDecimal wd = Stats.median(weekdays);
            // with one weekend known, one odd day (a batch on a Sunday) must not set the weekend level
            BigDecimal we = weekends.size() >= 4 ? Stats.median(weekends)
                    : weekends.stream().min(BigDecimal::compareTo).orElseThrow();
            BigDecimal mean = wd.multiply(BigDecimal.valueOf(5)).add(we.multiply(BigDecimal.valueOf(2)))
                    .divide(BigDecimal.valueOf(7), MC);
            if (mean.signum() <= 0) {
                return FLAT;
            }
            return new Pattern(wd.divide(mean, MC), we.divide(mean, MC));
        }

        BigDecimal factor(LocalDate day) {
            return isWeekend(day) ? weekend : weekday;
        }

        private static boolean isWeekend(LocalDate day) {
            return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        }
    }
}
