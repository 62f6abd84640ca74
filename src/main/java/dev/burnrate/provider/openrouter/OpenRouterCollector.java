package dev.burnrate.provider.openrouter;

import static dev.burnrate.provider.VendorHttp.require;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.burnrate.config.Secrets;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;
import dev.burnrate.provider.DailyCosts;
import dev.burnrate.provider.UsageLine;
import dev.burnrate.provider.VendorCalls;
import dev.burnrate.provider.VendorCollector;
import dev.burnrate.provider.VendorException;

/**
 * OpenRouter spend from the activity endpoint: USD per day, model and workspace for the last 30 completed UTC
 * days. When the answer has items, every one of those days counts as reported (a day without items cost
 * nothing); an answer without any item writes nothing, since it cannot be told from a glitch. Today and days
 * older than 30 days are not known to this endpoint and are left as they are.
 */
@ApplicationScoped
public class OpenRouterCollector implements VendorCollector {

    static final String ENDPOINT = "GET /api/v1/activity";
    static final int DAYS_KEPT = 30;

    private final OpenRouterApi api;
    private final VendorCalls calls;

    OpenRouterCollector(@RestClient OpenRouterApi api, VendorCalls calls) {
        this.api = api;
        this.calls = calls;
    }

    @Override
    public String id() {
        return "openrouter";
    }

    @Override
    public String displayName() {
        return "OpenRouter";
    }

    @Override
    public Collected collect(Secrets secrets, LocalDate from, LocalDate toExclusive) {
        String apiKey = key(secrets);
        OpenRouterActivity body = calls.call(id(), ENDPOINT, () -> api.activity("Bearer " + apiKey, "workspace"),
                OpenRouterActivity.class);
        LocalDate today = toExclusive.minusDays(1);
        DailyCosts days = new DailyCosts(id(), from, toExclusive);
        List<OpenRouterActivity.Item> items = require(body.data(), id(), ENDPOINT, "data");
        if (!items.isEmpty()) {
            for (LocalDate day = today.minusDays(DAYS_KEPT); day.isBefore(today); day = day.plusDays(1)) {
                days.report(day);
            }
        }
        for (OpenRouterActivity.Item item : items) {
            LocalDate day = day(require(item.date(), id(), ENDPOINT, "data[].date"));
            BigDecimal usd = require(item.usage(), id(), ENDPOINT, "data[].usage");
            long tokens = (item.promptTokens() == null ? 0 : item.promptTokens())
                    + (item.completionTokens() == null ? 0 : item.completionTokens());
            days.add(day, new CostLine(item.workspaceId(), require(item.model(), id(), ENDPOINT, "data[].model"), usd,
                    BigDecimal.valueOf(tokens), "tokens"));
        }
        return days.collected();
    }

    static final String CREDITS = "GET /api/v1/credits";

    @Override
    public boolean pulses() {
        return true;
    }

    @Override
    public boolean pulsesDollars() {
        return true;
    }

    /** {@code total_usage} from {@code GET /api/v1/credits}: the dollars used so far, differenced by the pulse. */
    @Override
    public java.util.Optional<BigDecimal> spentSoFarUsd(Secrets secrets) {
        return java.util.Optional.of(credits(secrets)[1]);
    }

    /**
     * A first pulse's history: each completed day of the activity endpoint spread evenly over its hours (OpenRouter
     * documents nothing finer for a management key), as dollar lines per model. Only one-hour buckets are served.
     */
    @Override
    public NavigableMap<Instant, List<UsageLine>> pulse(Secrets secrets,
            Instant from, Instant to, Duration bucket) {
        if (bucket.toMinutes() == 1) {
            throw new UnsupportedOperationException("OpenRouter's minutes come from differencing total_usage");
        }
        OpenRouterActivity body = calls.call(id(), ENDPOINT, () -> api.activity("Bearer " + key(secrets), "workspace"),
                OpenRouterActivity.class);
        NavigableMap<Instant, List<UsageLine>> hours = new TreeMap<>();
        for (OpenRouterActivity.Item item : require(body.data(), id(), ENDPOINT, "data")) {
            LocalDate day = day(require(item.date(), id(), ENDPOINT, "data[].date"));
            BigDecimal perHour = require(item.usage(), id(), ENDPOINT, "data[].usage")
                    .divide(BigDecimal.valueOf(24), java.math.MathContext.DECIMAL64);
            Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            for (int h = 0; h < 24; h++) {
                Instant hour = start.plus(Duration.ofHours(h));
                if (!hour.isBefore(from) && hour.isBefore(to)) {
                    hours.computeIfAbsent(hour, x -> new java.util.ArrayList<>()).add(new UsageLine(
                            dev.burnrate.provider.TokenPrices.DOLLARS, item.workspaceId(), item.model(), 0, 0, 0, 0,
                            null, perHour, "usd"));
                }
            }
        }
        return hours;
    }

    @Override
    public String consoleUrl() {
        return "https://openrouter.ai/settings/keys";
    }

    /** Prepaid credits left: {@code total_credits - total_usage} from {@code GET /api/v1/credits}. */
    @Override
    public java.util.Optional<BigDecimal> balanceUsd(Secrets secrets) {
        BigDecimal[] credits = credits(secrets);
        return java.util.Optional.of(credits[0].subtract(credits[1]));
    }

    /** {@code total_credits} and {@code total_usage}. */
    private BigDecimal[] credits(Secrets secrets) {
        String endpoint = CREDITS;
        com.fasterxml.jackson.databind.JsonNode body = calls.call(id(), endpoint,
                () -> api.credits("Bearer " + key(secrets)), com.fasterxml.jackson.databind.JsonNode.class);
        com.fasterxml.jackson.databind.JsonNode data = require(body.get("data"), id(), endpoint, "data");
        com.fasterxml.jackson.databind.JsonNode bought = require(data.get("total_credits"), id(), endpoint,
                "data.total_credits");
        com.fasterxml.jackson.databind.JsonNode used = require(data.get("total_usage"), id(), endpoint,
                "data.total_usage");
        if (!bought.isNumber() || !used.isNumber()) {
            throw new VendorException(id(), endpoint, "total_credits and total_usage must be numbers");
        }
        return new BigDecimal[] { bought.decimalValue(), used.decimalValue() };
    }

    private LocalDate day(String date) {
        try {
            return LocalDate.parse(date.length() > 10 ? date.substring(0, 10) : date);
        } catch (DateTimeParseException e) {
            throw new VendorException(id(), ENDPOINT, "data[].date '" + date + "' is not a day like 2026-11-03");
        }
    }
}
