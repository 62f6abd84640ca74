package dev.burnrate.notify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import dev.burnrate.budget.Budget;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.insight.Insights;

/**
 * What a message says besides the decision itself.
 *
 * @param budget     the budget the message is about
 * @param forecast   that budget's forecast
 * @param vendors    one line per vendor that was collected or has data
 * @param dailySpend that budget's spend per day of the month so far (first element: the 1st)
 * @param findings   top drivers and advice for that budget's spend
 * @param notes      what to know to trust the figures, one sentence each (held drops, other currencies, usage
 *                   left out of a vendor's cost report); shown in every message
 */
public record AlertContext(YearMonth month, Instant asOf, Budget budget, Forecast forecast, List<VendorLine> vendors,
        List<BigDecimal> dailySpend, Insights.Findings findings, List<String> notes) {

    public AlertContext {
        vendors = List.copyOf(vendors);
        dailySpend = List.copyOf(dailySpend);
        findings = findings == null ? new Insights.Findings(List.of(), List.of()) : findings;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public AlertContext(YearMonth month, Instant asOf, Budget budget, Forecast forecast, List<VendorLine> vendors,
            List<BigDecimal> dailySpend, Insights.Findings findings) {
        this(month, asOf, budget, forecast, vendors, dailySpend, findings, List.of());
    }

    /**
     * @param id     the vendor id
     * @param status ok, failed, not_configured or stored
     * @param asOf   when the vendor's figures were last refreshed, or null
     * @param stale  true when they are older than the configured limit
     */
    public record VendorLine(String id, String name, BigDecimal monthToDateUsd, String status, Instant asOf,
            boolean stale) {
    }

    /** The vendors whose figures are stale. */
    public List<VendorLine> staleVendors() {
        return vendors.stream().filter(VendorLine::stale).toList();
    }
}
