package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.EmfLines;
import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalAws;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** One check with all six vendors configured against the fakes: each stored with the right total, in parallel. */
@QuarkusTest
@TestProfile(AllVendorsFunctionTest.AllVendors.class)
@QuarkusTestResource(LocalWorldResource.class)
class AllVendorsFunctionTest extends FunctionTestSupport {

    public static class AllVendors implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.bedrock.enabled", "true",
                    "burnrate.azure.scope", "subscriptions/00000000-0000-0000-0000-000000000001",
                    "burnrate.azure.tenant-id", "tenant-1", "burnrate.azure.client-id", "app-1",
                    "burnrate.google.billing-table", "billing-proj.billing.gcp_billing_export_v1_0A1B2C",
                    "burnrate.metrics.enabled", "true", "burnrate.metrics.namespace", "burnrate/test-stack");
        }
    }

    private static final LocalDate DAY = LocalDate.of(2026, 11, 18);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Test
    void storesEveryVendorWithItsOwnUnitsConvertedToDollars() throws Exception {
        aws.putSecrets(Map.of("openai", LocalAws.OPENAI_KEY, "anthropic", LocalAws.ANTHROPIC_KEY,
                "openrouter", "sk-or-v1-test", "azureClientSecret", "test-secret",
                "googleServiceAccount", vendors.googleServiceAccountKey()));
        vendors.tokens();
        vendors.openAi(new Days().add(DAY, new Charge("proj_a", "gpt-5, input", "1.10")), 31);
        vendors.anthropic(new Days().add(DAY, new Charge("wrkspc_a", "Claude Usage", "220")), 31);
        vendors.openRouter(new Days().add(DAY, new Charge(null, "meta-llama/llama-3.3-70b-instruct", "3.30")), TODAY);
        vendors.postAnswer(VendorFixtures.AZURE_QUERY, "$skiptoken", null, 200, "{\"properties\": {\"nextLink\": null, "
                + VendorFixtures.AZURE_COLUMNS + ", \"rows\": [[4.4, 20261118, \"Azure OpenAI GPT5\", \"/x/accounts/a\", "
                + "\"USD\"]]}}");
        vendors.postAnswer(VendorFixtures.BIGQUERY_QUERIES, null, null, 200, "{\"jobReference\": {\"jobId\": \"j\"}, "
                + "\"jobComplete\": true, " + VendorFixtures.BIGQUERY_SCHEMA + ", \"rows\": ["
                + VendorFixtures.bigQueryRow("2026-11-18", "Gemini API", "Gemini 2.5 Pro", "p", "USD", "5.5", "0") + "]}");
        aws.queueCostAndUsage("[{\"TimePeriod\": {\"Start\": \"2026-11-18\", \"End\": \"2026-11-19\"}, \"Total\": {}, "
                + "\"Groups\": [{\"Keys\": [\"Amazon Bedrock\", \"USE1-x\"], \"Metrics\": {\"UnblendedCost\": "
                + "{\"Amount\": \"6.6\", \"Unit\": \"USD\"}}}]}]");

        JsonNode report = check(event("scheduled.json"));

        Map<String, JsonNode> vendorsById = byField(report.get("vendors"), "vendor");
        assertThat(vendorsById).containsOnlyKeys("openai", "anthropic", "openrouter", "azure", "google", "bedrock");
        assertThat(vendorsById.values()).allSatisfy(v -> assertThat(v.get("status").asText()).as(v.toString())
                .isEqualTo("ok"));
        var november = aws.partition("COST#2026-11");
        Map<String, String> expected = Map.of("openai", "1.10", "anthropic", "2.20", "openrouter", "3.30",
                "azure", "4.4", "google", "5.5", "bedrock", "6.6");
        expected.forEach((vendor, usd) -> assertThat(new BigDecimal(november.get(vendor + "#2026-11-18")
                .get("totalUsd").n())).as(vendor).isEqualByComparingTo(usd));
        assertThat(report.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("23.10");
        assertThat(report.get("collectMs").asLong()).isPositive();
        // OpenRouter is prepaid: $500 of credits bought, $312.4481 used
        assertThat(vendorsById.get("openrouter").get("balanceUsd").decimalValue()).isEqualByComparingTo("187.55");
        assertThat(vendorsById.get("openai").get("balanceUsd").isNull()).isTrue();
    }

    @Test
    void eachCheckWritesItsSpendAsCloudWatchEmbeddedMetrics() throws Exception {
        aws.putSecrets(Map.of("openai", LocalAws.OPENAI_KEY, "anthropic", LocalAws.ANTHROPIC_KEY));
        vendors.openAi(new Days().add(DAY, new Charge("proj_a", "gpt-5, input", "1.10"))
                .add(TODAY.minusDays(1), new Charge("proj_a", "gpt-5, input", "7.25"))
                .add(TODAY.minusDays(1), new Charge("proj_b", "gpt-5, output", "0.75")), 31);
        vendors.answer("/v1/organizations/cost_report", 500, "{\"error\": {\"type\": \"api_error\"}}");

        JsonNode report;
        try (EmfLines emf = new EmfLines()) {
            report = check(event("scheduled.json"));
            List<JsonNode> documents = emf.documents();
            assertThat(documents).allSatisfy(d -> {
                JsonNode directive = d.at("/_aws/CloudWatchMetrics/0");
                assertThat(directive.get("Namespace").asText()).isEqualTo("burnrate/test-stack");
                assertThat(d.at("/_aws/Timestamp").isIntegralNumber()).isTrue();
                directive.get("Metrics").forEach(m -> assertThat(d.has(m.get("Name").asText())).as(d.toString()).isTrue());
                directive.get("Dimensions").get(0).forEach(dim -> assertThat(d.has(dim.asText())).isTrue());
            });
            // the total budget of the test profile: $1,000; OpenAI's three days are all there is
            assertThat(emf.value("Budget", "total", "MonthToDateUsd").decimalValue()).isEqualByComparingTo("9.10");
            assertThat(emf.value("Budget", "total", "BudgetUsd").decimalValue()).isEqualByComparingTo("1000");
            assertThat(emf.value("Vendor", "openai", "MonthToDateUsd").decimalValue()).isEqualByComparingTo("9.10");
            assertThat(emf.value("Vendor", "openai", "CollectionErrors").intValue()).isZero();
            assertThat(emf.value("Vendor", "openai", "DataAgeHours").decimalValue()).isEqualByComparingTo("0");
            assertThat(emf.value("Vendor", "anthropic", "CollectionErrors").intValue()).isEqualTo(1);
            assertThat(emf.value("Vendor", "anthropic", "DataAgeHours")).as("never fetched").isNull();
            assertThat(emf.value("Vendor", "openrouter", "MonthToDateUsd")).as("not configured").isNull();
            JsonNode yesterday = documents.stream().filter(d -> d.has("DailySpendUsd") && d.at("/_aws/Timestamp")
                    .asLong() == java.time.Instant.parse("2026-11-19T00:00:00Z").toEpochMilli()).findFirst().orElseThrow();
            assertThat(yesterday.get("Vendor").asText()).isEqualTo("openai");
            assertThat(yesterday.get("DailySpendUsd").decimalValue()).isEqualByComparingTo("8.00");
            assertThat(documents.stream().filter(d -> d.has("DailySpendUsd")).count())
                    .as("yesterday only: not the 18th, and today was not reported").isEqualTo(1);
        }
        assertThat(report.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("9.10");
        // what bin/burnrate status reads: this check's report and the month's spend per day of each budget
        JsonNode status = JSON.readTree(aws.partition("STATUS").get("latest").get("status").s());
        assertThat(status.at("/report/runAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(status.at("/report/budgets/0/id").asText()).isEqualTo("total");
        JsonNode daily = status.at("/dailyUsd/total");
        assertThat(daily).hasSize(20);
        assertThat(daily.get(17).decimalValue()).as("Nov 18").isEqualByComparingTo("1.10");
        assertThat(daily.get(18).decimalValue()).as("Nov 19").isEqualByComparingTo("8.00");
        assertThat(daily.get(0).decimalValue()).as("Nov 1").isZero();

        try (EmfLines emf = new EmfLines()) {
            check("{\"dryRun\": true, \"asOf\": \"2026-11-20T09:30:00Z\"}");
            assertThat(emf.documents()).as("a replay files nothing under now").isEmpty();
        }
        assertThat(JSON.readTree(aws.partition("STATUS").get("latest").get("status").s()).at("/report/asOf").asText())
                .as("a replay leaves the status of the last real check").isEqualTo("2026-11-20T10:00:00Z");
    }

    @Test
    void anUnreadableBalanceDoesNotFailAVendorWhoseDaysWereStored() throws Exception {
        aws.putSecrets(Map.of("openrouter", "sk-or-v1-test"));
        vendors.openRouter(new Days().add(DAY, new Charge(null, "meta-llama/llama-3.3-70b-instruct", "3.30")), TODAY);
        vendors.answer("/api/v1/credits", 500, "{\"error\": {\"code\": 500, \"message\": \"Internal error\"}}");

        JsonNode report = check(event("scheduled.json"));

        JsonNode openRouter = byField(report.get("vendors"), "vendor").get("openrouter");
        assertThat(openRouter.get("status").asText()).isEqualTo("ok");
        assertThat(openRouter.get("balanceUsd").isNull()).isTrue();
        assertThat(new BigDecimal(aws.partition("COST#2026-11").get("openrouter#2026-11-18").get("totalUsd").n()))
                .isEqualByComparingTo("3.30");
    }
}
