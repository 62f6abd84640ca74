package dev.burnrate.vendor.openai;

import static dev.burnrate.vendor.VendorHttp.require;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * OpenAI billed cost from the Costs API: daily buckets grouped by project and line item, every page.
 * Amounts are float dollars ({@code amount.value}); anything but {@code usd} is refused.
 */
@ApplicationScoped
public class OpenAiCollector implements VendorCollector {

    static final String ENDPOINT = "GET /v1/organization/costs";
    /** Buckets per page: a month fits in one page; the API allows up to 180. */
    static final int PAGE_SIZE = 31;
    private static final List<String> GROUP_BY = List.of("project_id", "line_item");

    private final OpenAiCostsApi api;
    private final VendorCalls calls;

    OpenAiCollector(@RestClient OpenAiCostsApi api, VendorCalls calls) {
        this.api = api;
        this.calls = calls;
    }

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public String displayName() {
        return "OpenAI";
    }

    @Override
    public List<DailyCost> collect(Secrets secrets, LocalDate from, LocalDate toExclusive) {
        String apiKey = key(secrets);
        long start = from.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = toExclusive.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        DailyCosts days = new DailyCosts(id(), from, toExclusive);
        CursorPages.readAll(id(), ENDPOINT, cursor -> calls.call(id(), ENDPOINT,
                () -> api.costs("Bearer " + apiKey, start, end, "1d", GROUP_BY, PAGE_SIZE, cursor),
                OpenAiCostsPage.class), page -> read(page, days));
        return days.days();
    }

    private void read(OpenAiCostsPage page, DailyCosts days) {
        for (OpenAiCostsPage.Bucket bucket : require(page.data(), id(), ENDPOINT, "data")) {
            LocalDate day = Instant.ofEpochSecond(require(bucket.startTime(), id(), ENDPOINT, "data[].start_time"))
                    .atZone(ZoneOffset.UTC).toLocalDate();
            days.report(day);
            for (OpenAiCostsPage.Result result : require(bucket.results(), id(), ENDPOINT, "data[].results")) {
                days.add(day, toLine(day, result));
            }
        }
    }

    private CostLine toLine(LocalDate day, OpenAiCostsPage.Result result) {
        OpenAiCostsPage.Amount amount = require(result.amount(), id(), ENDPOINT, "data[].results[].amount");
        require(amount.value(), id(), ENDPOINT, "data[].results[].amount.value");
        String currency = require(amount.currency(), id(), ENDPOINT, "data[].results[].amount.currency");
        return CostLine.billed(result.projectId(), result.lineItem(), currency, amount.value(), result.quantity(),
                result.quantityUnit());
    }
}
