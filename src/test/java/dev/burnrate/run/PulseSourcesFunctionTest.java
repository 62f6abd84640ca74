package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.provider.azure.AzureFake;
import dev.burnrate.provider.google.GoogleFake;
import dev.burnrate.provider.openrouter.OpenRouterFake;
import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The pulse with all six vendors configured against the fakes: Azure Monitor metrics, Cloud Monitoring time series
 * and OpenRouter's running total each catch a loop at 100 times the usual rate within one pulse of it, once; the
 * other vendors read nothing unusual.
 */
@QuarkusTest
@TestProfile(PulseSourcesFunctionTest.AllSources.class)
@QuarkusTestResource(LocalWorldResource.class)
class PulseSourcesFunctionTest extends FunctionTestSupport {

    static final String ACCOUNT = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/ai/providers/"
            + "Microsoft.CognitiveServices/accounts/prod-openai";
    static final String MONITORING_PROJECT = "vertex-proj";

    public static class AllSources implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.pulse.enabled", "true", "burnrate.bedrock.enabled", "true",
                    "burnrate.azure.scope", "subscriptions/00000000-0000-0000-0000-000000000001",
                    "burnrate.azure.tenant-id", "tenant-1", "burnrate.azure.client-id", "app-1",
                    "burnrate.azure.openai-accounts", ACCOUNT,
                    "burnrate.google.billing-table", "billing-proj.billing.gcp_billing_export_v1_0A1B2C",
                    "burnrate.google.monitoring-project", MONITORING_PROJECT);
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-20T10:32:00Z");
    private static final Instant PREVIOUS_HOUR = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant LOOP = Instant.parse("2026-11-20T10:26:00Z");
    private static final Instant HISTORY = Instant.parse("2026-10-23T00:00:00Z");

    /** Four weeks of hours at {@code hour} tokens, then minutes at a sixtieth of it, 100 times that from 10:26. */
    private static Map<Instant, long[]> hours(long input, long output) {
        Map<Instant, long[]> hours = new TreeMap<>();
        for (Instant h = HISTORY; h.isBefore(PREVIOUS_HOUR); h = h.plusSeconds(3600)) {
            hours.put(h, new long[] { input, output });
        }
        return hours;
    }

    private static Map<Instant, long[]> minutesWithALoop(long input, long output) {
        Map<Instant, long[]> minutes = new TreeMap<>();
        for (Instant m = PREVIOUS_HOUR; m.isBefore(NOW); m = m.plusSeconds(60)) {
            long k = m.isBefore(LOOP) ? 1 : 100;
            minutes.put(m, new long[] { k * input / 60, k * output / 60 });
        }
        return minutes;
    }

    private List<String> kindsSent() {
        return aws.snsMessages().stream().map(m -> m.at("/MessageAttributes/vendor/Value").asText() + ":"
                + m.at("/MessageAttributes/kind/Value").asText()).toList();
    }

    @Test
    void azureMonitorMinutesCatchALoopOnADeploymentPricedAsOpenAisModel() throws Exception {
        everyVendorHasAKey();
        clock.set(NOW);
        // gpt-4o at OpenAI's list price ($2.50 / $10 per million): 200,000 prompt and 20,000 generated is $0.70 an hour
        AzureFake.serveMetrics(vendors, ACCOUNT, "PT1H", "chat-prod", "gpt-4o", hours(200_000, 20_000));
        AzureFake.serveMetrics(vendors, ACCOUNT, "PT1M", "chat-prod", "gpt-4o", minutesWithALoop(200_000, 20_000));

        JsonNode report = check(event("pulse.json"));

        Map<String, JsonNode> vendorsRead = byField(report.get("vendors"), "vendor");
        assertThat(vendorsRead.keySet()).containsExactlyInAnyOrder("anthropic", "azure", "bedrock", "google", "openai",
                "openrouter");
        JsonNode azure = vendorsRead.get("azure");
        assertThat(azure.get("status").asText()).as(azure.toString()).isEqualTo("ok");
        assertThat(azure.get("lastHourUsd").decimalValue()).isEqualByComparingTo("0.70");
        assertThat(azure.at("/runaway/since").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(kindsSent()).containsExactly("azure:runaway");
        // the metrics were asked for by deployment and model, as the Total of both token metrics
        var asked = vendors.requests(ACCOUNT + "/providers/Microsoft.Insights/metrics").get(0);
        assertThat(asked.queryParameter("metricnames").firstValue()).isEqualTo("ProcessedPromptTokens,GeneratedTokens");
        assertThat(asked.queryParameter("aggregation").firstValue()).isEqualTo("Total");
        assertThat(asked.queryParameter("$filter").firstValue())
                .isEqualTo("ModelDeploymentName eq '*' and ModelName eq '*'");
        assertThat(asked.getHeader("Authorization")).isEqualTo("Bearer eyJ0-test-token");
    }

    @Test
    void cloudMonitoringTokenCountsCatchAVertexLoop() throws Exception {
        everyVendorHasAKey();
        clock.set(NOW);
        // gemini-2.5-flash ($0.30 / $2.50 per million): 1,000,000 in and 100,000 out is $0.55 an hour
        GoogleFake.serveTokenCounts(vendors, MONITORING_PROJECT, "3600s", "gemini-2.5-flash",
                hours(1_000_000, 100_000));
        GoogleFake.serveTokenCounts(vendors, MONITORING_PROJECT, "60s", "gemini-2.5-flash",
                minutesWithALoop(1_000_000, 100_000));

        JsonNode report = check(event("pulse.json"));

        JsonNode google = byField(report.get("vendors"), "vendor").get("google");
        assertThat(google.get("status").asText()).as(google.toString()).isEqualTo("ok");
        assertThat(google.at("/runaway/since").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(kindsSent()).containsExactly("google:runaway");
        var asked = vendors.requests("/v3/projects/" + MONITORING_PROJECT + "/timeSeries").get(0);
        assertThat(asked.queryParameter("filter").firstValue())
                .isEqualTo("metric.type=\"aiplatform.googleapis.com/publisher/online_serving/token_count\"");
        assertThat(asked.queryParameter("aggregation.groupByFields").values())
                .containsExactly("metric.label.type", "resource.label.model_user_id");
    }

    @Test
    void openRoutersRunningTotalIsDifferencedPulseToPulseAndATenDollarJumpInFiveMinutesIsARunaway()
            throws Exception {
        everyVendorHasAKey();
        clock.set(NOW);
        // four weeks of $24 days ($1 an hour) from the activity endpoint: the first pulse's history
        VendorFixtures.Days days = new VendorFixtures.Days().every(LocalDate.of(2026, 10, 21),
                LocalDate.of(2026, 11, 19),
                new VendorFixtures.Charge("wrk_1", "anthropic/claude-sonnet-4.5", "24"));
        OpenRouterFake.serveActivity(vendors, days, LocalDate.of(2026, 11, 20));
        OpenRouterFake.serveCredits(vendors, "1000", "500.00");

        JsonNode first = check(event("pulse.json"));
        JsonNode openrouter = byField(first.get("vendors"), "vendor").get("openrouter");
        assertThat(openrouter.get("status").asText()).as(openrouter.toString()).isEqualTo("ok");
        assertThat(openrouter.get("notes").toString()).contains("first sample of the running total");
        assertThat(openrouter.get("runaway").isNull()).isTrue();

        // five minutes on, $10 more: against the usual $1 an hour (8 cents a slot)
        vendors.forgetRequests();
        OpenRouterFake.serveCredits(vendors, "1000", "510.00");
        clock.set(NOW.plusSeconds(300));
        JsonNode second = check(event("pulse.json"));
        openrouter = byField(second.get("vendors"), "vendor").get("openrouter");
        assertThat(openrouter.at("/runaway/since").asText()).isEqualTo("2026-11-20T10:00:00Z");
        // 10:32-10:37 spread by overlap: 3 of the 5 minutes fall in the 10:30 slot, the one judged
        assertThat(openrouter.get("last15MinUsd").decimalValue()).isEqualByComparingTo("6.00");
        assertThat(kindsSent()).containsExactly("openrouter:runaway");

        // the same sample again (a pulse at the same time, or a retried one) adds nothing
        JsonNode third = check(event("pulse.json"));
        assertThat(byField(third.get("vendors"), "vendor").get("openrouter").get("last15MinUsd").decimalValue())
                .isEqualByComparingTo("6.00");
        assertThat(aws.snsMessages()).isEmpty();
    }

    @Test
    void aThrottledMinuteReadIsRetriedAfterTheVendorsWaitAndARefusedOrUnreadableSourceFailsAloneAndSaysWhere()
            throws Exception {
        everyVendorHasAKey();
        clock.set(NOW);
        // Azure's metrics throttle the first request (Retry-After: 7), then answer; Google's answer is not JSON;
        // OpenRouter refuses the key
        AzureFake.serveMetrics(vendors, ACCOUNT, "PT1H", "chat-prod", "gpt-4o", hours(200_000, 20_000));
        AzureFake.serveMetrics(vendors, ACCOUNT, "PT1M", "chat-prod", "gpt-4o", minutesWithALoop(200_000, 20_000));
        vendors.failFirst(ACCOUNT + "/providers/Microsoft.Insights/metrics", 429,
                "{\"error\": {\"code\": \"TooManyRequests\", \"message\": \"throttled\"}}", "7");
        vendors.answer("/v3/projects/" + MONITORING_PROJECT + "/timeSeries", 200, "<html>maintenance</html>");
        OpenRouterFake.serveActivity(vendors, new VendorFixtures.Days(), LocalDate.of(2026, 11, 20));
        vendors.answer("/api/v1/credits", 401, "{\"error\": {\"code\": 401, \"message\": \"No auth credentials\"}}");

        JsonNode report = check(event("pulse.json"));

        Map<String, JsonNode> read = byField(report.get("vendors"), "vendor");
        assertThat(read.get("azure").get("status").asText()).as(read.get("azure").toString()).isEqualTo("ok");
        assertThat(read.get("azure").at("/runaway/since").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(pauses.waits()).contains(Duration.ofSeconds(7));
        assertThat(read.get("google").get("status").asText()).isEqualTo("failed");
        assertThat(read.get("google").get("error").asText()).contains("GET monitoring timeSeries.list");
        assertThat(read.get("openrouter").get("status").asText()).isEqualTo("failed");
        assertThat(read.get("openrouter").get("error").asText()).contains("/api/v1/credits").contains("401");
        assertThat(read.get("openrouter").get("unreadSince").asText()).isEqualTo(NOW.toString());
        // the others read as usual, and only Azure's runaway is sent
        assertThat(read.get("openai").get("status").asText()).isEqualTo("ok");
        assertThat(read.get("bedrock").get("status").asText()).isEqualTo("ok");
        assertThat(kindsSent()).containsExactly("azure:runaway");
    }
}
