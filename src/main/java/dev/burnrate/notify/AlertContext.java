package dev.burnrate.notify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import dev.burnrate.budget.Budget;
import dev.burnrate.forecast.Forecast;

/**
 * What an alert message says besides the decision itself.
 *
 * @param vendors one line per vendor that was collected or has data
 */
public record AlertContext(YearMonth month, Instant asOf, Budget budget, Forecast forecast, List<VendorLine> vendors) {

    /**
     * @param status   ok, failed or not configured
     * @param asOf     when the vendor's figures were last refreshed, or null
     */
    public record VendorLine(String name, BigDecimal monthToDateUsd, String status, Instant asOf) {
    }
}
