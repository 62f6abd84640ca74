package dev.burnrate.provider.openrouter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** OpenRouter's activity: USD per completed day, one answer, no pages, no currency. */
public final class OpenRouterFake implements VendorFake {

    @Override
    public String id() {
        return "openrouter";
    }

    @Override
    public String costPath() {
        return VendorFixtures.OPENROUTER_ACTIVITY;
    }

    @Override
    public Charge charge(String usd) {
        return new Charge(null, "anthropic/claude-sonnet-4.5", usd);
    }

    @Override
    public Charge credit(String usd) {
        return new Charge(null, "refund", usd);
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        serveActivity(vendors, days, today);
    }

    @Override
    public String emptyAnswer() {
        return "{\"data\": []}";
    }

    @Override
    public String eurAnswer() {
        return null;
    }

    @Override
    public boolean pages() {
        return false;
    }

    @Override
    public boolean reportsToday() {
        return false;
    }

    /**
     * OpenRouter's activity endpoint serving {@code days} (amounts are dollars) as it does: the last 30 completed
     * days before {@code today}, one item per day and model, nothing for today.
     */
    public static void serveActivity(VendorFixtures fixtures, Days days, LocalDate today) {
        ObjectNode body = VendorFixtures.JSON_MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        days.map().forEach((day, charges) -> {
            if (day.isBefore(today) && !day.isBefore(today.minusDays(30))) {
                for (Charge charge : charges) {
                    data.addObject().put("date", day.toString()).put("model", charge.item())
                            .put("model_permaslug", charge.item()).put("endpoint_id", "ep_1")
                            .put("provider_name", "Anthropic").put("usage", new BigDecimal(charge.amount()))
                            .put("byok_usage_inference", 0).put("requests", 10).put("prompt_tokens", 1000)
                            .put("completion_tokens", 200).put("reasoning_tokens", 0)
                            .put("workspace_id", charge.project());
                }
            }
        });
        fixtures.register(get(urlPathEqualTo(VendorFixtures.OPENROUTER_ACTIVITY)).atPriority(5).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString())));
        fixtures.register(get(urlPathEqualTo("/api/v1/credits")).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\": {\"total_credits\": 500.0, \"total_usage\": 312.4481}}")));
    }

    /** {@code GET /api/v1/credits} as OpenRouter answers it: credits bought and used so far, in dollars. */
    public static void serveCredits(VendorFixtures fixtures, String totalCredits, String totalUsage) {
        fixtures.register(get(urlPathEqualTo("/api/v1/credits")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": {\"total_credits\": "
                        + totalCredits + ", \"total_usage\": " + totalUsage + "}}")));
    }
}
