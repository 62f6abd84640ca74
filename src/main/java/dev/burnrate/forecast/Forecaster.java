package dev.burnrate.forecast;

import static dev.burnrate.forecast.Stats.MC;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.TreeMap;

/**
 * burnrate's month-end forecast: what is already billed, plus every remaining day at a robust, weekly-shaped,
 * trend-following daily rate ({@link Rate#of}).
 * <ol>
 * <li><b>History.</b> The complete days before today, at most {@value #HISTORY_DAYS}, from the first day with
 * data; a missing day after it is a day of zero spend.</li>
 * <li><b>Weekly pattern</b> ({@link WeeklyPattern}): with a week or more, weekdays, weekend days and any weekday
 * that is always far above the others (a weekly batch) get their own factor. Each day's spend divided by its factor
 * is comparable with every other day's.</li>
 * <li><b>Which days set the rate.</b> Days whose factor is below {@value #MIN_FACTOR_TEXT} (weekends at about zero)
 * carry too little signal and are left out, unless fewer than {@value #MIN_COMPLETE_DAYS} days would remain (then
 * every day counts, without a pattern). A day of negative spend (a refund or credit larger than the day's spend) is
 * never a rate. With {@value #ONE_OFF_MIN_DAYS} days or more, one-offs are left out too ({@link #withoutOneOffs}):
 * a spike, a batch, a refund. All of these still count in month-to-date spend, once.</li>
 * <li><b>Scatter</b> ({@link #scatter}): one day's standard deviation, from the differences of consecutive days.</li>
 * <li><b>Fewer than {@value #STEP_WINDOW} days</b>: the rate is their mean without the largest day
 * ({@link #lowMean}), so a first month's batch is not taken for the rate; no trend.</li>
 * <li><b>Trend</b> ({@link #trend}): the Theil-Sen slope of all the days, weighed by how significant a
 * Mann-Kendall test finds it, so a week of noise is not followed and sustained growth or decline is.</li>
 * <li><b>Level</b>: the median of the last {@value #LEVEL_WINDOW} days, each carried to today along the trend.</li>
 * <li><b>Step</b> ({@link #stepZ}): when the median of the last {@value #STEP_WINDOW} days stands 2.5 to 3.5
 * standard errors or more from the median of the {@value #STEP_WINDOW} before them, spend moved to a new level: the
 * level moves that far towards the recent median and the trend gives way in the same measure (a step is not a
 * trend). Both weights change smoothly ({@link #ramp}), so the forecast does not jump as a test crosses a line.</li>
 * <li><b>Projection.</b> Each remaining day is the level plus the damped trend ({@link #damped}: each further day
 * adds {@value #DAMPING_TEXT} of the previous day's increment, so a trend is followed but not extrapolated to the end
 * of time), never below zero, times the day's weekly factor. Today counts as what is billed so far or one expected
 * day, whichever is larger, because vendors report the current day late.</li>
 * <li><b>P90</b> adds 1.2816 standard deviations of the remaining days' total: each day's scatter and the
 * uncertainty of the level itself, which every day shares. It does not foresee a change of course (a step, a new
 * trend, a refund) that has not begun.</li>
 * <li>With fewer than {@value #MIN_COMPLETE_DAYS} complete days it says "not enough data yet".</li>
 * </ol>
 * Plain Java on {@link BigDecimal}: no CDI, no AWS, no I/O.
 */
public final class Forecaster implements SpendForecaster {

    static final int MIN_COMPLETE_DAYS = 3;
    static final int HISTORY_DAYS = 28;
    /** The days whose median, carried along the trend, is the level. */
    static final int LEVEL_WINDOW = 14;
    /** The recent days that, when they stand apart from the days before them, are a step to a new level. */
    static final int STEP_WINDOW = 7;
    /** A step counts from this many standard errors, and fully from {@link #STEP_FULL}. */
    static final BigDecimal STEP_FROM = new BigDecimal("2.5");
    static final BigDecimal STEP_FULL = new BigDecimal("3.5");
    /** The days a trend is looked for in: all of the history, so a week of noise cannot make one. */
    static final int TREND_WINDOW = HISTORY_DAYS;
    static final String TREND_FROM_TEXT = "2.326";
    static final String TREND_FULL_TEXT = "3.291";
    static final BigDecimal TREND_FROM = new BigDecimal(TREND_FROM_TEXT);
    static final BigDecimal TREND_FULL = new BigDecimal(TREND_FULL_TEXT);
    /** Days a Hampel filter needs before it can tell a one-off from its neighbours. */
    static final int ONE_OFF_MIN_DAYS = 5;
    /** A one-off stands this many robust standard deviations from the median of its neighbours. */
    static final int OUTLIER_SIGMAS = 4;
    /** Neighbours on each side that a day is compared with. */
    static final int NEIGHBOURS = 3;
    static final String MIN_FACTOR_TEXT = "0.2";
    static final BigDecimal MIN_FACTOR = new BigDecimal(MIN_FACTOR_TEXT);
    static final String DAMPING_TEXT = "0.93";
    static final BigDecimal DAMPING = new BigDecimal(DAMPING_TEXT);
    static final BigDecimal Z90 = new BigDecimal("1.2816");
    /** Standard error of a median of n normal values is about 1.2533 sigma / sqrt(n). */
    static final BigDecimal MEDIAN_SE = new BigDecimal("1.2533");

    @Override
    public Forecast forecast(NavigableMap<LocalDate, BigDecimal> dailyTotals, Instant asOf, YearMonth month,
            BigDecimal budgetUsd) {
        Objects.requireNonNull(dailyTotals, "dailyTotals");
        Objects.requireNonNull(month, "month");
        LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
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

        NavigableMap<LocalDate, BigDecimal> history = completeDays(dailyTotals, today);
        if (history.size() < MIN_COMPLETE_DAYS) {
            return new Forecast(money(monthToDate), null, null, null, crossed,
                    "not enough data yet: " + history.size() + " complete day(s), need " + MIN_COMPLETE_DAYS);
        }
        Rate rate = Rate.of(history, today);

        int daysLeft = month.lengthOfMonth() - today.getDayOfMonth();
        BigDecimal p50 = beforeToday.add(todaySoFar.max(rate.expected(today, 0)));
        BigDecimal factorSum = rate.pattern().factor(today);
        BigDecimal factorSquares = factorSum.multiply(factorSum, MC);
        LocalDate crossing = crossed;
        if (crossing == null && budgetUsd != null && p50.compareTo(budgetUsd) > 0) {
            crossing = today;
        }
        List<Forecast.PathDay> path = new ArrayList<>();
        path.add(new Forecast.PathDay(today, money(p50), money(p50.add(rate.spread(factorSum, factorSquares)))));
        for (int ahead = 1; ahead <= daysLeft; ahead++) {
            LocalDate day = today.plusDays(ahead);
            p50 = p50.add(rate.expected(today, ahead));
            BigDecimal f = rate.pattern().factor(day);
            factorSum = factorSum.add(f);
            factorSquares = factorSquares.add(f.multiply(f, MC));
            if (crossing == null && budgetUsd != null && p50.compareTo(budgetUsd) > 0) {
                crossing = day;
            }
            path.add(new Forecast.PathDay(day, money(p50), money(p50.add(rate.spread(factorSum, factorSquares)))));
        }
        BigDecimal p90 = p50.add(rate.spread(factorSum, factorSquares));
        return new Forecast(money(monthToDate), money(p50), money(p90), money(rate.level()), crossing, null, path);
    }

    /**
     * The daily rate a forecast projects, as of the start of today.
     *
     * @param pattern    the weekly shape of spend
     * @param level      the de-seasonalised daily spend today (a day whose factor is one spends this)
     * @param slope      the trend: dollars a day added to the de-seasonalised daily spend each day; zero without one
     * @param sigma      one day's scatter around the rate (a standard deviation, de-seasonalised)
     * @param levelError the standard error of {@code level}
     */
    record Rate(WeeklyPattern pattern, BigDecimal level, BigDecimal slope, BigDecimal sigma, BigDecimal levelError) {

        /** The rate of {@code history} (complete days, oldest first, at least {@value #MIN_COMPLETE_DAYS}). */
        static Rate of(NavigableMap<LocalDate, BigDecimal> history, LocalDate today) {
            WeeklyPattern pattern = WeeklyPattern.of(history);
            List<Point> points = points(history, pattern, today);
            if (points.size() < MIN_COMPLETE_DAYS) {
                pattern = WeeklyPattern.FLAT;
                points = points(history, pattern, today);
            }
            if (points.size() >= ONE_OFF_MIN_DAYS) {
                points = withoutOneOffs(points);
            }
            List<BigDecimal> x = points.stream().map(Point::x).toList();
            BigDecimal sigma = scatter(x);
            if (x.size() < STEP_WINDOW) {
                return new Rate(pattern, lowMean(x).max(BigDecimal.ZERO), BigDecimal.ZERO, sigma,
                        standardError(sigma, x.size()));
            }
            BigDecimal trend = trend(points);
            BigDecimal step = ramp(stepZ(carried(points, trend), sigma), STEP_FROM, STEP_FULL);
            BigDecimal slope = trend.multiply(BigDecimal.ONE.subtract(step), MC);
            List<BigDecimal> carried = carried(points, slope);
            List<BigDecimal> window = carried.subList(Math.max(0, carried.size() - LEVEL_WINDOW), carried.size());
            BigDecimal center = Stats.median(window);
            BigDecimal recent = Stats.median(carried.subList(carried.size() - STEP_WINDOW, carried.size()));
            BigDecimal level = center.add(recent.subtract(center).multiply(step, MC));
            BigDecimal centerError = standardError(sigma, window.size());
            BigDecimal levelError = centerError.add(standardError(sigma, STEP_WINDOW).subtract(centerError)
                    .multiply(step, MC));
            return new Rate(pattern, level.max(BigDecimal.ZERO), slope, sigma, levelError);
        }

        /**
         * Expected spend {@code ahead} days after today: the level plus the damped trend, never negative, times
         * the day's weekly factor.
         */
        BigDecimal expected(LocalDate today, int ahead) {
            BigDecimal base = level.add(slope.multiply(damped(ahead), MC)).max(BigDecimal.ZERO);
            return base.multiply(pattern.factor(today.plusDays(ahead)), MC);
        }

        /**
         * How far above the P50 path the P90 lies after days whose weekly factors sum to {@code factorSum} (and
         * their squares to {@code factorSquares}): each day's own scatter and the level's error, which every day
         * shares.
         */
        BigDecimal spread(BigDecimal factorSum, BigDecimal factorSquares) {
            BigDecimal variance = sigma.pow(2, MC).multiply(factorSquares, MC)
                    .add(levelError.multiply(factorSum, MC).pow(2, MC));
            return Z90.multiply(variance.sqrt(MC), MC);
        }
    }

    /** Each point's spend carried to today along {@code slope}: what it says today's spend is. */
    static List<BigDecimal> carried(List<Point> points, BigDecimal slope) {
        return points.stream().map(p -> p.x().subtract(slope.multiply(p.t(), MC))).toList();
    }

    /** A day that may set the rate: {@code t} days from today (negative), spend {@code x} de-seasonalised. */
    record Point(LocalDate day, BigDecimal t, BigDecimal x) {
    }

    /** The days of {@code history} that can set a rate under {@code pattern}: factor large enough, spend not negative. */
    private static List<Point> points(NavigableMap<LocalDate, BigDecimal> history, WeeklyPattern pattern,
            LocalDate today) {
        List<Point> points = new ArrayList<>();
        history.forEach((day, usd) -> {
            BigDecimal factor = pattern.factor(day);
            if (factor.compareTo(MIN_FACTOR) >= 0 && usd.signum() >= 0) {
                points.add(new Point(day, BigDecimal.valueOf(ChronoUnit.DAYS.between(today, day)),
                        usd.divide(factor, MC)));
            }
        });
        return points;
    }

    /**
     * Without one-offs: a Hampel filter. Each day is compared with the median of its {@value #NEIGHBOURS}
     * neighbours on either side (not itself); the scale is 1.4826 times the median of those distances over all
     * days, a robust standard deviation. A day more than {@value #OUTLIER_SIGMAS} of them away is a one-off. A
     * sustained step is not, because its neighbours move with it. At most half the days can be one-offs (the scale
     * is the median distance), so at least three of five remain. When the scale is zero (most days equal their
     * neighbours exactly) every day is kept: nothing tells a one-off from a day of ordinary scatter then.
     */
    static List<Point> withoutOneOffs(List<Point> points) {
        List<BigDecimal> distances = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            List<BigDecimal> neighbours = new ArrayList<>();
            for (int j = Math.max(0, i - NEIGHBOURS); j <= Math.min(points.size() - 1, i + NEIGHBOURS); j++) {
                if (j != i) {
                    neighbours.add(points.get(j).x());
                }
            }
            distances.add(points.get(i).x().subtract(Stats.median(neighbours)).abs());
        }
        BigDecimal scale = Stats.median(distances).multiply(Stats.MAD_TO_SIGMA, MC);
        if (scale.signum() == 0) {
            return points;
        }
        BigDecimal limit = scale.multiply(BigDecimal.valueOf(OUTLIER_SIGMAS), MC);
        List<Point> kept = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (distances.get(i).compareTo(limit) <= 0) {
                kept.add(points.get(i));
            }
        }
        return kept;
    }

    /**
     * One day's scatter: 1.4826 times the median absolute difference between consecutive days, over the square
     * root of two (a difference holds two days' noise). Differences are robust to a level that moves: a step moves
     * one of them, a trend all of them a little. Zero with fewer than two days.
     */
    static BigDecimal scatter(List<BigDecimal> x) {
        if (x.size() < 2) {
            return BigDecimal.ZERO;
        }
        List<BigDecimal> differences = new ArrayList<>();
        for (int i = 1; i < x.size(); i++) {
            differences.add(x.get(i).subtract(x.get(i - 1)).abs());
        }
        return Stats.median(differences).multiply(Stats.MAD_TO_SIGMA, MC).divide(BigDecimal.valueOf(2).sqrt(MC), MC);
    }

    /** The standard error of a median of {@code n} days of scatter {@code sigma}: 1.2533 sigma / sqrt(n). */
    static BigDecimal standardError(BigDecimal sigma, int n) {
        return MEDIAN_SE.multiply(sigma, MC).divide(BigDecimal.valueOf(n).sqrt(MC), MC);
    }

    /**
     * How far the last {@value #STEP_WINDOW} days moved from the up to {@value #STEP_WINDOW} days before them: the
     * difference of their medians in standard errors of that difference. Zero with fewer than
     * {@value #STEP_WINDOW} + {@value #MIN_COMPLETE_DAYS} days; without scatter, any move is a whole step.
     */
    static BigDecimal stepZ(List<BigDecimal> x, BigDecimal sigma) {
        int n = x.size();
        if (n < STEP_WINDOW + MIN_COMPLETE_DAYS) {
            return BigDecimal.ZERO;
        }
        List<BigDecimal> recent = x.subList(n - STEP_WINDOW, n);
        List<BigDecimal> before = x.subList(Math.max(0, n - 2 * STEP_WINDOW), n - STEP_WINDOW);
        BigDecimal moved = Stats.median(recent).subtract(Stats.median(before)).abs();
        if (sigma.signum() == 0) {
            return moved.signum() == 0 ? BigDecimal.ZERO : STEP_FULL;
        }
        BigDecimal error = standardError(sigma, recent.size()).pow(2, MC)
                .add(standardError(sigma, before.size()).pow(2, MC)).sqrt(MC);
        return moved.divide(error, MC);
    }

    /** 0 up to {@code from}, 1 from {@code full} on, in a straight line between: how much a test's finding counts. */
    static BigDecimal ramp(BigDecimal z, BigDecimal from, BigDecimal full) {
        BigDecimal w = z.abs().subtract(from).divide(full.subtract(from), MC);
        return w.max(BigDecimal.ZERO).min(BigDecimal.ONE);
    }

    /** With fewer than a week of days, the mean without the largest value: a batch day is not the rate. */
    static BigDecimal lowMean(List<BigDecimal> values) {
        if (values.size() < 3) {
            return Stats.median(values);
        }
        BigDecimal max = values.stream().max(BigDecimal::compareTo).orElseThrow();
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add).subtract(max);
        return sum.divide(BigDecimal.valueOf(values.size() - 1L), MC);
    }

    /**
     * The trend of the last {@value #TREND_WINDOW} points: their Theil-Sen slope, weighed by how sure a Mann-Kendall
     * test is of it ({@link #ramp} of |Z| from {@value #TREND_FROM_TEXT} to {@value #TREND_FULL_TEXT}: nothing
     * below p = 0.02, all of it from p = 0.001). A daily check sees chance "trends" every week, so noise that rises
     * over a few days is not followed; sustained growth or decline is, and the weight moves smoothly, so the forecast
     * does not jump from one day to the next as the test crosses a line. Zero with fewer than {@value #STEP_WINDOW}
     * points.
     */
    static BigDecimal trend(List<Point> points) {
        List<Point> window = points.subList(Math.max(0, points.size() - TREND_WINDOW), points.size());
        if (window.size() < STEP_WINDOW) {
            return BigDecimal.ZERO;
        }
        List<BigDecimal> x = window.stream().map(Point::x).toList();
        BigDecimal weight = ramp(BigDecimal.valueOf(mannKendallZ(x)), TREND_FROM, TREND_FULL);
        if (weight.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return Stats.theilSen(window.stream().map(Point::t).toList(), x).multiply(weight, MC);
    }

    /**
     * The Mann-Kendall statistic's normal score: S (over every pair, +1 when the later value is larger, -1 when
     * smaller) with a continuity correction of one towards zero, over the square root of n(n-1)(2n+5)/18.
     */
    static double mannKendallZ(List<BigDecimal> x) {
        int n = x.size();
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Integer.signum(x.get(j).compareTo(x.get(i)));
            }
        }
        double variance = n * (n - 1.0) * (2.0 * n + 5.0) / 18.0;
        return (s - Math.signum(s)) / Math.sqrt(variance);
    }

    /** How many days of trend {@code ahead} days add: DAMPING + DAMPING^2 + ... + DAMPING^ahead. */
    static BigDecimal damped(int ahead) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal step = BigDecimal.ONE;
        for (int k = 1; k <= ahead; k++) {
            step = step.multiply(DAMPING, MC);
            sum = sum.add(step);
        }
        return sum;
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

    /** Complete days before today, oldest first, from the first day with data, at most {@value #HISTORY_DAYS}. */
    static NavigableMap<LocalDate, BigDecimal> completeDays(NavigableMap<LocalDate, BigDecimal> totals,
            LocalDate today) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        if (totals.isEmpty() || !totals.firstKey().isBefore(today)) {
            return days;
        }
        LocalDate start = today.minusDays(HISTORY_DAYS);
        if (start.isBefore(totals.firstKey())) {
            start = totals.firstKey();
        }
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            days.put(day, totals.getOrDefault(day, BigDecimal.ZERO));
        }
        return days;
    }

    static BigDecimal sum(Map<LocalDate, BigDecimal> days) {
        return days.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
