package dev.burnrate.forecast;

import static dev.burnrate.forecast.Stats.MC;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.NavigableMap;

/**
 * The naive run-rate most budget tools use, kept as the yardstick for benchmarks: month-to-date spend divided by
 * the days elapsed, times the days in the month. P90 equals P50; it has no notion of spread.
 */
public final class NaiveRunRate implements SpendForecaster {

    @Override
    public Forecast forecast(NavigableMap<LocalDate, BigDecimal> dailyTotals, Instant asOf, YearMonth month,
            BigDecimal budgetUsd) {
        LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = today.isAfter(month.atEndOfMonth()) ? month.atEndOfMonth() : today;
        BigDecimal monthToDate = Forecaster.sum(dailyTotals.subMap(month.atDay(1), true, last, true));
        LocalDate crossed = Forecaster.actualCrossing(dailyTotals, month, last, budgetUsd);
        Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        BigDecimal elapsedDays = BigDecimal.valueOf(Duration.between(monthStart, asOf).toSeconds())
                .divide(BigDecimal.valueOf(86_400), MC);
        if (elapsedDays.signum() <= 0) {
            return new Forecast(Forecaster.money(monthToDate), null, null, null, crossed, "no day elapsed yet");
        }
        elapsedDays = elapsedDays.min(BigDecimal.valueOf(month.lengthOfMonth()));
        BigDecimal rate = monthToDate.divide(elapsedDays, MC);
        BigDecimal p50 = rate.multiply(BigDecimal.valueOf(month.lengthOfMonth()), MC);
        LocalDate crossing = crossed;
        if (crossing == null && budgetUsd != null && p50.compareTo(budgetUsd) > 0) {
            BigDecimal daysToCross = budgetUsd.divide(rate, MC);
            crossing = month.atDay(1).plusDays(daysToCross.longValue());
        }
        return new Forecast(Forecaster.money(monthToDate), Forecaster.money(p50), Forecaster.money(p50),
                Forecaster.money(rate), crossing, null);
    }
}
