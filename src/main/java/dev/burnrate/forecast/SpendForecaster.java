package dev.burnrate.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.NavigableMap;

/** Projects a month's spend to its end. */
public interface SpendForecaster {

    /**
     * @param dailyTotals spend per UTC day for every day that has data; days before the first key are unknown,
     *                    missing days after it are taken as zero; the day of {@code asOf} may be partial
     * @param asOf        the instant of the forecast; data for days after its UTC day is ignored
     * @param month       the budget month forecast: the month of {@code asOf} (see {@link #monthOf}), or, for a check
     *                    right after a month ended, that month (its final total)
     * @param budgetUsd   the monthly budget, for the crossing date; null for none
     */
    Forecast forecast(NavigableMap<LocalDate, BigDecimal> dailyTotals, Instant asOf, YearMonth month, BigDecimal budgetUsd);

    /**
     * The budget month of an instant: the UTC calendar month it lies in, so {@code 2026-12-01T00:00:00Z} is in
     * December. Every stage of a run takes its month from here, once.
     */
    static YearMonth monthOf(Instant asOf) {
        return YearMonth.from(asOf.atZone(ZoneOffset.UTC));
    }
}
