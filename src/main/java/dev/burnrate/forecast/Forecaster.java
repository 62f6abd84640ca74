package dev.burnrate.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;

/**
 * First forecaster: month-to-date plus the remaining days at a robust recent daily rate.
 * <ul>
 * <li>The rate is the median of the last {@value #RATE_WINDOW} complete days (previous months count), so one
 * spike or one quiet day does not move it.</li>
 * <li>Today is counted as whichever is larger, what was billed so far or one day at the rate, because vendors
 * report the current day late.</li>
 * <li>P90 adds 1.28 robust standard deviations (1.4826 × median absolute deviation of the last
 * {@value #SPREAD_WINDOW} days) scaled by the square root of the days left.</li>
 * <li>With fewer than {@value #MIN_COMPLETE_DAYS} complete days of data it says so instead of guessing.</li>
 * </ul>
 */
public final class Forecaster {

    static final int RATE_WINDOW = 7;
    static final int SPREAD_WINDOW = 14;
    static final int MIN_COMPLETE_DAYS = 3;
    private static final BigDecimal Z90 = new BigDecimal("1.2816");
    private static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");
    private static final MathContext MC = MathContext.DECIMAL64;

    /**
     * @param dailyTotals spend per UTC day for every day that has data (all vendors together); days before
     *                    the first key are unknown, missing days after it are taken as zero
     * @param asOf        the instant of the forecast; data for days after its UTC day is ignored
     * @param budgetUsd   the monthly budget, for the crossing date; null for none
     */
    public Forecast forecast(NavigableMap<LocalDate, BigDecimal> dailyTotals, Instant asOf, BigDecimal budgetUsd) {
        Objects.requireNonNull(dailyTotals, "dailyTotals");
        LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        YearMonth month = YearMonth.from(today);
        BigDecimal beforeToday = sum(dailyTotals, month.atDay(1), today);
        BigDecimal todaySoFar = dailyTotals.getOrDefault(today, BigDecimal.ZERO);
        BigDecimal monthToDate = beforeToday.add(todaySoFar);

        List<BigDecimal> complete = completeDays(dailyTotals, today, SPREAD_WINDOW);
        if (complete.size() < MIN_COMPLETE_DAYS) {
            LocalDate crossed = actualCrossing(dailyTotals, month, today, budgetUsd);
            return new Forecast(money(monthToDate), null, null, null, crossed,
                    "not enough data yet: " + complete.size() + " complete day(s), need " + MIN_COMPLETE_DAYS);
        }
        BigDecimal rate = median(complete.subList(Math.max(0, complete.size() - RATE_WINDOW), complete.size()));
        BigDecimal sigma = mad(complete).multiply(MAD_TO_SIGMA, MC);

        BigDecimal todayProjected = todaySoFar.max(rate);
        int daysAfterToday = month.lengthOfMonth() - today.getDayOfMonth();
        BigDecimal p50 = beforeToday.add(todayProjected).add(rate.multiply(BigDecimal.valueOf(daysAfterToday)));
        BigDecimal spread = Z90.multiply(sigma, MC)
                .multiply(BigDecimal.valueOf(daysAfterToday + 1L).sqrt(MC), MC);
        BigDecimal p90 = p50.add(spread);

        LocalDate crossing = actualCrossing(dailyTotals, month, today, budgetUsd);
        if (crossing == null && budgetUsd != null) {
            BigDecimal cumulative = beforeToday.add(todayProjected);
            for (LocalDate day = today; YearMonth.from(day).equals(month); day = day.plusDays(1)) {
                if (!day.equals(today)) {
                    cumulative = cumulative.add(rate);
                }
                if (cumulative.compareTo(budgetUsd) > 0) {
                    crossing = day;
                    break;
                }
            }
        }
        return new Forecast(money(monthToDate), money(p50), money(p90).max(money(p50)), money(rate), crossing, null);
    }

    /** The day month-to-date spend first went above the budget, if it has. */
    private static LocalDate actualCrossing(NavigableMap<LocalDate, BigDecimal> totals, YearMonth month,
            LocalDate today, BigDecimal budgetUsd) {
        if (budgetUsd == null) {
            return null;
        }
        BigDecimal cumulative = BigDecimal.ZERO;
        for (var entry : totals.subMap(month.atDay(1), true, today, true).entrySet()) {
            cumulative = cumulative.add(entry.getValue());
            if (cumulative.compareTo(budgetUsd) > 0) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** The last {@code window} complete days before {@code today}, oldest first, from the first day with data. */
    private static List<BigDecimal> completeDays(NavigableMap<LocalDate, BigDecimal> totals, LocalDate today,
            int window) {
        List<BigDecimal> days = new ArrayList<>();
        if (totals.isEmpty() || !totals.firstKey().isBefore(today)) {
            return days;
        }
        LocalDate start = today.minusDays(window);
        if (start.isBefore(totals.firstKey())) {
            start = totals.firstKey();
        }
        for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
            days.add(totals.getOrDefault(day, BigDecimal.ZERO));
        }
        return days;
    }

    private static BigDecimal sum(NavigableMap<LocalDate, BigDecimal> totals, LocalDate from, LocalDate toExclusive) {
        return totals.subMap(from, true, toExclusive, false).values().stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
    }

    private static BigDecimal mad(List<BigDecimal> values) {
        BigDecimal median = median(values);
        List<BigDecimal> deviations = new ArrayList<>();
        for (BigDecimal value : values) {
            deviations.add(value.subtract(median).abs());
        }
        return median(deviations);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
