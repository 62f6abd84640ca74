package dev.burnrate.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.NavigableMap;

/** Projects a month's spend to its end. */
public interface SpendForecaster {

    /**
     * @param dailyTotals spend per UTC day for every day that has data; days before the first key are unknown,
     *                    missing days after it are taken as zero; the day of {@code asOf} may be partial
     * @param asOf        the instant of the forecast; data for days after its UTC day is ignored
     * @param budgetUsd   the monthly budget, for the crossing date; null for none
     */
    Forecast forecast(NavigableMap<LocalDate, BigDecimal> dailyTotals, Instant asOf, BigDecimal budgetUsd);
}
