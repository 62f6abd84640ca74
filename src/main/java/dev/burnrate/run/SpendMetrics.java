package dev.burnrate.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.config.BurnrateConfig;

/**
 * Writes what a check found as CloudWatch metrics in the Embedded Metric Format: one JSON line per budget, per
 * vendor and per vendor-day on the function's log, which CloudWatch Logs turns into metrics with no API call. The
 * lines go to the {@value #LOGGER} logger, whose handler prints the bare message (Lambda sends each stdout line as one
 * log event; a timestamp prefix would stop CloudWatch from reading it as EMF).
 *
 * <p>Metrics, namespace {@code burnrate.metrics.namespace}:
 * <ul>
 * <li>dimension {@code Budget}: {@code MonthToDateUsd}, {@code BudgetUsd}, {@code ForecastP50Usd} and
 * {@code ForecastP90Usd} (the last two once there is a forecast);</li>
 * <li>dimension {@code Vendor}, each configured vendor: {@code MonthToDateUsd}, {@code CollectionErrors} (1 when the
 * vendor failed this run, else 0), {@code DataAgeHours} (since its figures were fetched) and, while a runaway runs,
 * {@code RunawayHourUsd} (the last raised hour at list price);</li>
 * <li>dimension {@code Vendor}, timestamped at the start of the UTC day: {@code DailySpendUsd} for yesterday and today
 * (re-sent every run as vendors revise them; read it with the Maximum statistic over a day).</li>
 * </ul>
 * Each metric is a CloudWatch custom metric, billed per metric and month, so this is off unless
 * {@code burnrate.metrics.enabled} is set. Replays ({@code asOf}) write none: they would file the past under now.
 */
@ApplicationScoped
public class SpendMetrics {

    /** The logger category the EMF lines are written to; its handler is configured in application.properties. */
    public static final String LOGGER = "burnrate.metrics";

    private static final Logger EMF = Logger.getLogger(LOGGER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BurnrateConfig.Metrics config;

    SpendMetrics(BurnrateConfig config) {
        this.config = config.metrics();
    }

    /**
     * Writes the metrics of one check.
     *
     * @param report     the check's report
     * @param recentDays per configured vendor, yesterday's and today's spend
     */
    void write(CheckReport report, Map<String, Map<LocalDate, BigDecimal>> recentDays) {
        if (!config.enabled()) {
            return;
        }
        Instant at = Instant.parse(report.runAt());
        for (CheckReport.BudgetStatus budget : report.budgets()) {
            ObjectNode line = document(at, "Budget", budget.id());
            metric(line, "MonthToDateUsd", budget.monthToDateUsd());
            metric(line, "BudgetUsd", budget.budgetUsd());
            if (budget.forecast() != null && budget.forecast().p50Usd() != null) {
                metric(line, "ForecastP50Usd", budget.forecast().p50Usd());
                metric(line, "ForecastP90Usd", budget.forecast().p90Usd());
            }
            emit(line);
        }
        for (CheckReport.VendorStatus vendor : report.vendors()) {
            if ("not_configured".equals(vendor.status())) {
                continue;
            }
            ObjectNode line = document(at, "Vendor", vendor.vendor());
            metric(line, "MonthToDateUsd", vendor.monthToDateUsd() == null ? BigDecimal.ZERO : vendor.monthToDateUsd());
            metric(line, "CollectionErrors", "failed".equals(vendor.status()) ? BigDecimal.ONE : BigDecimal.ZERO);
            if (vendor.fetchedAt() != null) {
                long minutes = Duration.between(Instant.parse(vendor.fetchedAt()), at).toMinutes();
                metric(line, "DataAgeHours", BigDecimal.valueOf(Math.max(0, minutes)).divide(BigDecimal.valueOf(60),
                        1, java.math.RoundingMode.HALF_UP));
            }
            if (vendor.runaway() != null && vendor.runaway().lastHourUsd() != null) {
                metric(line, "RunawayHourUsd", vendor.runaway().lastHourUsd());
            }
            emit(line);
            recentDays.getOrDefault(vendor.vendor(), Map.of()).forEach((day, usd) -> {
                ObjectNode daily = document(day.atStartOfDay(ZoneOffset.UTC).toInstant(), "Vendor", vendor.vendor());
                metric(daily, "DailySpendUsd", usd);
                emit(daily);
            });
        }
    }

    private ObjectNode document(Instant timestamp, String dimension, String value) {
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", timestamp.toEpochMilli());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", config.namespace());
        directive.putArray("Dimensions").addArray().add(dimension);
        directive.putArray("Metrics");
        line.put(dimension, value);
        return line;
    }

    private static void metric(ObjectNode line, String name, BigDecimal value) {
        if (value == null) {
            return;
        }
        ArrayNode metrics = (ArrayNode) line.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics");
        metrics.addObject().put("Name", name).put("Unit", name.equals("CollectionErrors") ? "Count" : "None");
        line.put(name, value);
    }

    private static void emit(ObjectNode line) {
        EMF.info(line.toString());
    }

}
