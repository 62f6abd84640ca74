package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalAws;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Azure OpenAI spend from the Cost Management query API (client-credentials token), served by WireMock. */
@QuarkusTest
@TestProfile(AzureFunctionTest.Azure.class)
@QuarkusTestResource(LocalWorldResource.class)
class AzureFunctionTest extends FunctionTestSupport {

    public static class Azure implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.azure.scope", "subscriptions/00000000-0000-0000-0000-000000000001",
                    "burnrate.azure.tenant-id", "tenant-1", "burnrate.azure.client-id", "app-1");
        }
    }

    private static final String TOKEN = VendorFixtures.AZURE_TOKEN;
    private static final String QUERY = VendorFixtures.AZURE_QUERY;
    private static final String COLUMNS = VendorFixtures.AZURE_COLUMNS;
    private static final String RESOURCE = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/ai/"
            + "providers/Microsoft.CognitiveServices/accounts/prod-openai";

    @BeforeEach
    void azureIsConfigured() {
        aws.putSecrets(Map.of("azureClientSecret", "test-client-secret-value"));
        vendors.tokens();
        vendors.postAnswer(QUERY, "$skiptoken", null, 200, "{\"id\": \"q1\", \"name\": \"q1\", \"type\": "
                + "\"microsoft.costmanagement/Query\", \"properties\": {\"nextLink\": \"https://management.azure.com"
                + QUERY + "?api-version=2024-08-01&$skiptoken=page2\", " + COLUMNS + ", \"rows\": ["
                + "[41.27, 20261118, \"Azure OpenAI GPT5\", \"" + RESOURCE + "\", \"USD\"], "
                + "[3.02, 20261118, \"Azure OpenAI Embeddings\", \"" + RESOURCE + "\", \"USD\"]]}}");
        vendors.postAnswer(QUERY, "$skiptoken", "page2", 200, "{\"properties\": {\"nextLink\": null, " + COLUMNS
                + ", \"rows\": [[10.5, 20261119, \"Azure OpenAI GPT5\", \"" + RESOURCE + "\", \"USD\"]]}}");
    }

    @Test
    void readsEveryPageOfDailyCostWithAClientCredentialsToken() throws Exception {
        JsonNode report = check(event("scheduled.json"));

        JsonNode azure = byField(report.get("vendors"), "vendor").get("azure");
        assertThat(azure.get("status").asText()).as(azure.toString()).isEqualTo("ok");
        assertThat(byField(report.get("vendors"), "vendor").get("openai").get("status").asText())
                .isEqualTo("not_configured");
        var november = aws.partition("COST#2026-11");
        assertThat(new BigDecimal(november.get("azure#2026-11-18").get("totalUsd").n())).isEqualByComparingTo("44.29");
        assertThat(new BigDecimal(november.get("azure#2026-11-19").get("totalUsd").n())).isEqualByComparingTo("10.5");
        assertThat(november.get("azure#2026-11-18").get("lines").l().get(0).m().get("project").s())
                .isEqualTo("prod-openai");
        assertThat(november).doesNotContainKey("azure#2026-11-17");

        var token = vendors.posts(TOKEN).get(0);
        assertThat(token.getBodyAsString()).contains("grant_type=client_credentials").contains("client_id=app-1")
                .contains("scope=https%3A%2F%2Fmanagement.azure.com%2F.default");
        var queries = vendors.posts(QUERY);
        // the first run's 81 days (Sep 1 to Nov 20) in Daily queries of at most 31 days, each read to its last page
        java.util.List<String> windows = queries.stream().filter(q -> !q.getUrl().contains("skiptoken"))
                .map(q -> readTree(q.getBodyAsString())).map(b -> b.at("/timePeriod/from").asText() + ".."
                        + b.at("/timePeriod/to").asText()).toList();
        assertThat(windows).containsExactly("2026-09-01T00:00:00Z..2026-10-01T23:59:59Z",
                "2026-10-02T00:00:00Z..2026-11-01T23:59:59Z", "2026-11-02T00:00:00Z..2026-11-20T23:59:59Z");
        assertThat(queries).hasSize(6);
        assertThat(queries.get(0).getHeader("Authorization")).isEqualTo("Bearer eyJ0-test-token");
        assertThat(queries.get(0).queryParameter("api-version").firstValue()).isEqualTo("2024-08-01");
        JsonNode body = JSON.readTree(queries.get(0).getBodyAsString());
        assertThat(body.get("type").asText()).isEqualTo("ActualCost");
        assertThat(body.at("/dataset/granularity").asText()).isEqualTo("Daily");
        assertThat(body.at("/dataset/aggregation/totalCost/name").asText()).isEqualTo("Cost");
        assertThat(body.at("/dataset/aggregation/totalCostUSD/name").asText()).isEqualTo("CostUSD");
        assertThat(body.at("/dataset/filter/dimensions/values/0").asText())
                .isEqualTo("microsoft.cognitiveservices/accounts");
    }

    @Test
    void aWarmFunctionKeepsTheTokenForItsLifetimeAndDropsOneTheApiRefuses() throws Exception {
        check(event("scheduled.json"));
        clock.advance(java.time.Duration.ofMinutes(54));
        check(event("scheduled.json"));
        assertThat(vendors.posts(TOKEN)).as("kept: expires_in is 3599 s").hasSize(1);

        clock.advance(java.time.Duration.ofMinutes(1)); // 55 min: within 5 minutes of its end
        check(event("scheduled.json"));
        assertThat(vendors.posts(TOKEN)).as("renewed before it expires").hasSize(2);

        vendors.answer(QUERY, 401, "{\"error\": {\"code\": \"ExpiredAuthenticationToken\", \"message\": "
                + "\"The access token expiry UTC time is earlier than current UTC time.\"}}");
        JsonNode refused = byField(check(event("scheduled.json")).get("vendors"), "vendor").get("azure");
        assertThat(refused.get("error").asText()).startsWith("azure POST Microsoft.CostManagement/query: answered "
                + "HTTP 401");
        vendors.reset();
        azureIsConfigured();
        JsonNode again = byField(check(event("scheduled.json")).get("vendors"), "vendor").get("azure");
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("ok");
        assertThat(vendors.posts(TOKEN)).as("asked anew after the refusal (the journal was reset)").hasSize(1);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRefusedClientSecretIsReportedWithoutTheSecret() throws Exception {
        vendors.postAnswer(TOKEN, null, null, 401, "{\"error\": \"invalid_client\", \"error_description\": "
                + "\"AADSTS7000215: Invalid client secret provided.\"}");

        JsonNode report = check(event("scheduled.json"));

        JsonNode azure = byField(report.get("vendors"), "vendor").get("azure");
        assertThat(azure.get("status").asText()).isEqualTo("failed");
        assertThat(azure.get("error").asText()).startsWith("azure POST oauth2/v2.0/token: answered HTTP 401: ")
                .contains("invalid_client").doesNotContain("test-client-secret-value");
        assertThat(vendors.posts(QUERY)).isEmpty();
        assertThat(aws.partition("COST#2026-11")).isEmpty();
    }

    @Test
    void withoutTheClientSecretAzureIsNotConfigured() throws Exception {
        aws.putSecrets(Map.of("openai", LocalAws.OPENAI_KEY));
        vendors.openAi(new dev.burnrate.testing.VendorFixtures.Days(), 31);

        JsonNode report = check(event("scheduled.json"));

        assertThat(byField(report.get("vendors"), "vendor").get("azure").get("status").asText())
                .isEqualTo("not_configured");
        assertThat(vendors.posts(TOKEN)).isEmpty();
    }
}
