package dev.burnrate.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A month-end forecast as of one instant.
 *
 * @param monthToDateUsd spend from the 1st of the month up to and including the (partial) current day
 * @param p50Usd         median month-end total; null when there is not enough data yet
 * @param p90Usd         month-end total that is exceeded only one month in ten; null when there is not enough data
 * @param dailyRateUsd   the daily rate the forecast extrapolates; null when there is not enough data
 * @param crossingDate   the UTC day month-to-date spend reached the budget, or the day the P50 path will reach
 *                       it; null when it does not this month (or there is no budget)
 * @param note           why there is no forecast, or null
 * @param path           the month-to-date total expected at the end of each day from today to the month's last day,
 *                       P50 and P90, with the forecast's weekly shape; empty when the forecaster draws none
 */
public record Forecast(BigDecimal monthToDateUsd, BigDecimal p50Usd, BigDecimal p90Usd, BigDecimal dailyRateUsd,
        LocalDate crossingDate, String note, List<PathDay> path) {

    /** The expected month-to-date total at the end of {@code day}: median and P90. */
    public record PathDay(LocalDate day, BigDecimal p50Usd, BigDecimal p90Usd) {
    }

    public Forecast {
        Objects.requireNonNull(monthToDateUsd, "monthToDateUsd");
        if (p50Usd != null && p90Usd != null && p90Usd.compareTo(p50Usd) < 0) {
            throw new IllegalArgumentException("p90Usd " + p90Usd + " is below p50Usd " + p50Usd);
        }
        path = path == null ? List.of() : List.copyOf(path);
    }

    /** A forecast without a drawn path. */
    public Forecast(BigDecimal monthToDateUsd, BigDecimal p50Usd, BigDecimal p90Usd, BigDecimal dailyRateUsd,
            LocalDate crossingDate, String note) {
        this(monthToDateUsd, p50Usd, p90Usd, dailyRateUsd, crossingDate, note, List.of());
    }

    /** True when the forecast has a P50 and P90. */
    public boolean available() {
        return p50Usd != null;
    }
}
