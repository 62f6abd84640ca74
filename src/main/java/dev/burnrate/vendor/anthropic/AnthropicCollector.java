package dev.burnrate.vendor.anthropic;

import static dev.burnrate.vendor.VendorHttp.require;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.burnrate.config.Secrets;
import dev.burnrate.vendor.CostLine;
import dev.burnrate.vendor.CursorPages;
import dev.burnrate.vendor.DailyCost;
import dev.burnrate.vendor.DailyCosts;
import dev.burnrate.vendor.VendorCollector;
import dev.burnrate.vendor.VendorException;
import dev.burnrate.vendor.VendorCalls;

/**
 * Anthropic billed cost from the Admin API cost report, grouped by workspace and description, every page.
 * Amounts are decimal strings in cents and are converted to dollars here.
 */
@ApplicationScoped
public class AnthropicCollector implements VendorCollector {

    static final String ENDPOINT = "GET /v1/organizations/cost_report";
    /** The API's maximum number of daily buckets per page. */
    static final int PAGE_SIZE = 31;
    private static final List<String> GROUP_BY = List.of("workspace_id", "description");

    private final AnthropicCostApi api;
    private final VendorCalls calls;

    AnthropicCollector(@RestClient AnthropicCostApi api, VendorCalls calls) {
        this.api = api;
        this.calls = calls;
    }

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public String displayName() {
        return "Anthropic";
    }

    @Override
    public List<DailyCost> collect(Secrets secrets, LocalDate from, LocalDate toExclusive) {
        String apiKey = key(secrets);
        String start = from.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String end = toExclusive.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        DailyCosts days = new DailyCosts(id(), from, toExclusive);
        CursorPages.readAll(id(), ENDPOINT, cursor -> calls.call(id(), ENDPOINT,
                () -> api.costReport(apiKey, start, end, "1d", GROUP_BY, PAGE_SIZE, cursor),
                AnthropicCostReport.class), page -> read(page, days));
        return days.days();
    }

    private void read(AnthropicCostReport page, DailyCosts days) {
        for (AnthropicCostReport.Bucket bucket : require(page.data(), id(), ENDPOINT, "data")) {
            LocalDate day = day(require(bucket.startingAt(), id(), ENDPOINT, "data[].starting_at"));
            days.report(day);
            for (AnthropicCostReport.Result result : require(bucket.results(), id(), ENDPOINT, "data[].results")) {
                days.add(day, toLine(day, result));
            }
        }
    }

    private LocalDate day(String startingAt) {
        try {
            return OffsetDateTime.parse(startingAt).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new VendorException(id(), ENDPOINT, "data[].starting_at '" + startingAt
                    + "' is not an RFC 3339 timestamp");
        }
    }

    private CostLine toLine(LocalDate day, AnthropicCostReport.Result result) {
        String amount = require(result.amount(), id(), ENDPOINT, "data[].results[].amount");
        String currency = require(result.currency(), id(), ENDPOINT, "data[].results[].currency");
        BigDecimal cents;
        try {
            cents = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new VendorException(id(), ENDPOINT, "data[].results[].amount '" + amount
                    + "' for " + day + " is not a decimal string of cents");
        }
        String item = result.description() != null ? result.description()
                : result.model() != null ? result.model() : result.costType();
        return CostLine.billed(result.workspaceId(), item, currency, cents.movePointLeft(2), null, null);
    }
}
