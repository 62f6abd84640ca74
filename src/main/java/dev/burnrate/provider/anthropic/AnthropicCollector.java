package dev.burnrate.provider.anthropic;

import static dev.burnrate.provider.VendorHttp.require;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.burnrate.config.Secrets;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;
import dev.burnrate.provider.DailyCosts;
import dev.burnrate.provider.Usage;
import dev.burnrate.provider.UsageLine;
import dev.burnrate.provider.VendorCalls;
import dev.burnrate.provider.VendorCollector;
import dev.burnrate.provider.VendorException;

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
    static final String USAGE_ENDPOINT = "GET /v1/organizations/usage_report/messages";
    /** Hourly buckets per page: the API's maximum, a week. */
    static final int HOURLY_PAGE_SIZE = 168;
    /** Grouped by service tier too: Priority Tier usage is the one whose cost the cost report leaves out. */
    private static final List<String> USAGE_GROUP_BY = List.of("workspace_id", "model", "service_tier");

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

    /** Its answer has a bucket for every day asked for, with or without spend. */
    @Override
    public boolean reportsEveryDay() {
        return true;
    }

    @Override
    public String displayName() {
        return "Anthropic";
    }

    @Override
    public Collected collect(Secrets secrets, LocalDate from, LocalDate toExclusive) {
        String apiKey = key(secrets);
        String start = from.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String end = toExclusive.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        DailyCosts days = new DailyCosts(id(), from, toExclusive);
        calls.pages(id(), ENDPOINT, cursor -> api.costReport(apiKey, start, end, "1d", GROUP_BY, PAGE_SIZE, cursor),
                AnthropicCostReport.class, page -> read(page, days));
        return days.collected();
    }

    @Override
    public boolean reportsUsage() {
        return true;
    }

    /**
     * Token counts from the messages usage report: daily by workspace, model and service tier, hourly by model.
     * The report does not count requests. Anthropic's cost report leaves Priority Tier out (its docs say so), so
     * those lines are marked {@link UsageLine#notInCost()} and named wherever the figures are shown.
     */
    @Override
    public Usage usage(Secrets secrets, LocalDate from, LocalDate toExclusive, Instant hourlyFrom) {
        String apiKey = key(secrets);
        String end = toExclusive.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        Usage.Builder usage = new Usage.Builder(from, toExclusive, hourlyFrom);
        usage.read(USAGE_ENDPOINT, "messages", () -> readUsage(USAGE_ENDPOINT, cursor -> api.usageReport(apiKey,
                from.atStartOfDay(ZoneOffset.UTC).toInstant().toString(), end, "1d", USAGE_GROUP_BY, PAGE_SIZE,
                cursor), (start, lines) -> usage.day(start.atZone(ZoneOffset.UTC).toLocalDate(), lines)));
        if (usage.hoursAsked()) {
            String hourly = USAGE_ENDPOINT + " (1h)";
            usage.read(hourly, null, () -> readUsage(hourly, cursor -> api.usageReport(apiKey, hourlyFrom.toString(),
                    end, "1h", List.of("model"), HOURLY_PAGE_SIZE, cursor), usage::hour));
        }
        return usage.build();
    }

    /** Minute buckets per page: the API's maximum, a day. */
    static final int MINUTE_PAGE_SIZE = 1440;

    @Override
    public boolean pulses() {
        return true;
    }

    /** The messages usage report in one-minute or one-hour buckets, by workspace and model. */
    @Override
    public NavigableMap<Instant, List<UsageLine>> pulse(Secrets secrets, Instant from, Instant to,
            Duration bucket) {
        String apiKey = key(secrets);
        String width = bucket.toMinutes() == 1 ? "1m" : "1h";
        int limit = bucket.toMinutes() == 1 ? MINUTE_PAGE_SIZE : HOURLY_PAGE_SIZE;
        String endpoint = USAGE_ENDPOINT + " (" + width + ")";
        NavigableMap<Instant, List<UsageLine>> buckets = new TreeMap<>();
        readUsage(endpoint, cursor -> api.usageReport(apiKey, from.toString(), to.toString(), width,
                List.of("workspace_id", "model"), limit, cursor), (start, lines) -> buckets.computeIfAbsent(start,
                        s -> new ArrayList<>()).addAll(lines));
        return buckets;
    }

    @Override
    public String consoleUrl() {
        return "https://console.anthropic.com/settings/keys";
    }

    @Override
    public String notInCostName() {
        return "Priority Tier";
    }

    private void readUsage(String endpoint, java.util.function.Function<String, jakarta.ws.rs.core.Response> fetch,
            java.util.function.BiConsumer<Instant, List<UsageLine>> onBucket) {
        calls.pages(id(), endpoint, fetch, AnthropicUsageReport.class, page -> {
            for (AnthropicUsageReport.Bucket bucket : require(page.data(), id(), endpoint, "data")) {
                Instant start = instant(endpoint,
                        require(bucket.startingAt(), id(), endpoint, "data[].starting_at"));
                List<UsageLine> lines = new ArrayList<>();
                for (AnthropicUsageReport.Result result : require(bucket.results(), id(), endpoint,
                        "data[].results")) {
                    lines.add(toUsage(endpoint, result));
                }
                onBucket.accept(start, lines);
            }
        });
    }

    private UsageLine toUsage(String endpoint, AnthropicUsageReport.Result result) {
        long uncached = require(result.uncachedInputTokens(), id(), endpoint, "data[].results[].uncached_input_tokens");
        long output = require(result.outputTokens(), id(), endpoint, "data[].results[].output_tokens");
        long cacheRead = orZero(result.cacheReadInputTokens());
        AnthropicUsageReport.CacheCreation creation = result.cacheCreation();
        long cacheWrite = creation == null ? 0 : orZero(creation.ephemeral5m()) + orZero(creation.ephemeral1h());
        boolean priority = result.serviceTier() != null && result.serviceTier().startsWith("priority");
        return new UsageLine("messages", result.workspaceId(), result.model(), uncached + cacheRead + cacheWrite,
                cacheRead, cacheWrite, output, null, null, null, priority);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private Instant instant(String endpoint, String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            throw new VendorException(id(), endpoint, "data[].starting_at '" + timestamp
                    + "' is not an RFC 3339 timestamp");
        }
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
        return instant(ENDPOINT, startingAt).atZone(ZoneOffset.UTC).toLocalDate();
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
