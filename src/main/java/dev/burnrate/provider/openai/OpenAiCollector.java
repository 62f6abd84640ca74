package dev.burnrate.provider.openai;

import static dev.burnrate.provider.VendorHttp.require;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * OpenAI billed cost from the Costs API: daily buckets grouped by project and line item, every page.
 * Amounts are float dollars ({@code amount.value}); another currency is kept with its currency, not added to dollars.
 * Token, image, character and second counts come from the Usage API.
 */
@ApplicationScoped
public class OpenAiCollector implements VendorCollector {

    static final String ENDPOINT = "GET /v1/organization/costs";
    /** Buckets per page: a month fits in one page; the API allows up to 180. */
    static final int PAGE_SIZE = 31;
    private static final List<String> GROUP_BY = List.of("project_id", "line_item");

    /** Usage endpoints and the count each one reports besides requests (tokens where null). */
    static final Map<String, String> USAGE_KINDS = knownUsageKinds();
    /** Hourly buckets per page: the API's maximum, a week. */
    static final int HOURLY_PAGE_SIZE = 168;
    private static final List<String> USAGE_GROUP_BY = List.of("project_id", "model");

    private final OpenAiCostsApi api;
    private final OpenAiUsageApi usageApi;
    private final VendorCalls calls;
    private final List<String> usageKinds;

    OpenAiCollector(@RestClient OpenAiCostsApi api, @RestClient OpenAiUsageApi usageApi, VendorCalls calls,
            OpenAiConfig config) {
        this.api = api;
        this.usageApi = usageApi;
        this.calls = calls;
        this.usageKinds = usageKinds(config.usage());
    }

    /** The configured usage endpoints, checked; {@code none} alone reads no usage. */
    static List<String> usageKinds(List<String> configured) {
        if (configured.equals(List.of("none"))) {
            return List.of();
        }
        for (String kind : configured) {
            if (!USAGE_KINDS.containsKey(kind)) {
                throw new IllegalStateException("burnrate.openai.usage: '" + kind + "' is not an OpenAI usage "
                        + "endpoint burnrate reads; use any of " + String.join(", ", USAGE_KINDS.keySet())
                        + ", or none");
            }
        }
        return List.copyOf(configured);
    }

    private static Map<String, String> knownUsageKinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("completions", null);
        kinds.put("embeddings", null);
        kinds.put("images", "images");
        kinds.put("audio_speeches", "characters");
        kinds.put("audio_transcriptions", "seconds");
        return java.util.Collections.unmodifiableMap(kinds);
    }

    @Override
    public String id() {
        return "openai";
    }

    /** Its answer has a bucket for every day asked for, with or without spend. */
    @Override
    public boolean reportsEveryDay() {
        return true;
    }

    @Override
    public String displayName() {
        return "OpenAI";
    }

    @Override
    public Collected collect(Secrets secrets, LocalDate from, LocalDate toExclusive) {
        String apiKey = key(secrets);
        long start = from.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = toExclusive.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        DailyCosts days = new DailyCosts(id(), from, toExclusive);
        calls.pages(id(), ENDPOINT, cursor -> api.costs("Bearer " + apiKey, start, end, "1d", GROUP_BY, PAGE_SIZE,
                cursor), OpenAiCostsPage.class, page -> read(page, days));
        return days.collected();
    }

    @Override
    public boolean reportsUsage() {
        return !usageKinds.isEmpty();
    }

    /**
     * Daily counts from every configured usage endpoint, grouped by project and model; hourly counts from
     * completions (and only when it is configured), grouped by model. Each endpoint succeeds or fails on its own;
     * all are read at once, within the vendor's time budget.
     */
    @Override
    public Usage usage(Secrets secrets, LocalDate from, LocalDate toExclusive, Instant hourlyFrom) {
        String authorization = "Bearer " + key(secrets);
        long start = from.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = toExclusive.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Usage.Builder usage = new Usage.Builder(from, toExclusive, hourlyFrom);
        List<Usage.Builder> parts = new ArrayList<>();
        List<Runnable> reads = new ArrayList<>();
        for (String kind : usageKinds) {
            String endpoint = "GET /v1/organization/usage/" + kind;
            Usage.Builder part = usage.part();
            parts.add(part);
            reads.add(() -> part.read(endpoint, kind, () -> readUsage(endpoint, cursor -> usageApi.usage(authorization,
                    kind, start, end, "1d", USAGE_GROUP_BY, PAGE_SIZE, cursor), kind, (bucketStart, lines) -> part.day(
                            bucketStart.atZone(ZoneOffset.UTC).toLocalDate(), lines))));
        }
        if (usageKinds.contains("completions") && usage.hoursAsked()) {
            String endpoint = "GET /v1/organization/usage/completions (1h)";
            Usage.Builder part = usage.part();
            parts.add(part);
            reads.add(() -> part.read(endpoint, null, () -> readUsage(endpoint, cursor -> usageApi.usage(authorization,
                    "completions", hourlyFrom.getEpochSecond(), end, "1h", List.of("model"), HOURLY_PAGE_SIZE, cursor),
                    "completions", part::hour)));
        }
        // the endpoints are independent: read at once, each on its own (OpenAI was the slowest vendor, one by one)
        VendorCalls.inParallel(id(), reads);
        parts.forEach(usage::merge);
        return usage.build();
    }

    /** The token usage kinds the pulse reads, of those configured: the ones priced per token. */
    private static final List<String> PULSE_KINDS = List.of("completions", "embeddings");
    /** Minute buckets per page: the API's maximum, a day. */
    static final int MINUTE_PAGE_SIZE = 1440;

    @Override
    public boolean pulses() {
        return usageKinds.stream().anyMatch(PULSE_KINDS::contains);
    }

    /**
     * Completions and embeddings (those configured) in one-minute or one-hour buckets, by project and model,
     * read at once.
     */
    @Override
    public NavigableMap<Instant, List<UsageLine>> pulse(Secrets secrets, Instant from, Instant to,
            Duration bucket) {
        String authorization = "Bearer " + key(secrets);
        String width = bucket.toMinutes() == 1 ? "1m" : "1h";
        int limit = bucket.toMinutes() == 1 ? MINUTE_PAGE_SIZE : HOURLY_PAGE_SIZE;
        NavigableMap<Instant, List<UsageLine>> buckets = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<Runnable> reads = new ArrayList<>();
        for (String kind : usageKinds.stream().filter(PULSE_KINDS::contains).toList()) {
            String endpoint = "GET /v1/organization/usage/" + kind + " (" + width + ")";
            reads.add(() -> readUsage(endpoint, cursor -> usageApi.usage(authorization, kind, from.getEpochSecond(),
                    to.getEpochSecond(), width, USAGE_GROUP_BY, limit, cursor), kind, (start, lines) -> buckets
                            .merge(start, lines, (a, b) -> {
                                List<UsageLine> all = new ArrayList<>(a);
                                all.addAll(b);
                                return all;
                            })));
        }
        VendorCalls.inParallel(id(), reads);
        return new TreeMap<>(buckets);
    }

    @Override
    public String consoleUrl() {
        return "https://platform.openai.com/settings/organization/limits";
    }

    private void readUsage(String endpoint, java.util.function.Function<String, jakarta.ws.rs.core.Response> fetch,
            String kind, java.util.function.BiConsumer<Instant, List<UsageLine>> onBucket) {
        calls.pages(id(), endpoint, fetch, OpenAiUsagePage.class, page -> {
            for (OpenAiUsagePage.Bucket bucket : require(page.data(), id(), endpoint, "data")) {
                Instant start = Instant.ofEpochSecond(
                        require(bucket.startTime(), id(), endpoint, "data[].start_time"));
                List<UsageLine> lines = new ArrayList<>();
                for (OpenAiUsagePage.Result result : require(bucket.results(), id(), endpoint,
                        "data[].results")) {
                    lines.add(toUsage(endpoint, kind, result));
                }
                onBucket.accept(start, lines);
            }
        });
    }

    private UsageLine toUsage(String endpoint, String kind, OpenAiUsagePage.Result result) {
        long requests = require(result.numModelRequests(), id(), endpoint, "data[].results[].num_model_requests");
        String unit = USAGE_KINDS.get(kind);
        if (unit != null) {
            Long count = switch (unit) {
                case "images" -> result.images();
                case "characters" -> result.characters();
                default -> result.seconds();
            };
            require(count, id(), endpoint, "data[].results[]." + unit);
            return new UsageLine(kind, result.projectId(), result.model(), 0, 0, 0, 0, requests,
                    BigDecimal.valueOf(count), unit);
        }
        long input = require(result.inputTokens(), id(), endpoint, "data[].results[].input_tokens");
        long output = "completions".equals(kind)
                ? require(result.outputTokens(), id(), endpoint, "data[].results[].output_tokens")
                : 0;
        return new UsageLine(kind, result.projectId(), result.model(), input, orZero(result.inputCachedTokens()),
                orZero(result.inputCacheWriteTokens()), output, requests, null, null);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
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
