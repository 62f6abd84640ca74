package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Gemini / Vertex AI spend from the billing export in BigQuery: a real service-account key (made for the test)
 * signs the token request that Google's auth library sends to WireMock, and BigQuery's REST answers come from
 * WireMock in the documented shape.
 */
@QuarkusTest
@TestProfile(GoogleFunctionTest.Google.class)
@QuarkusTestResource(LocalWorldResource.class)
class GoogleFunctionTest extends FunctionTestSupport {

    public static class Google implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.google.billing-table", "billing-proj.billing.gcp_billing_export_v1_0A1B2C");
        }
    }

    private static final String QUERIES = VendorFixtures.BIGQUERY_QUERIES;
    private static final String SCHEMA = VendorFixtures.BIGQUERY_SCHEMA;

    private static String row(String... values) {
        return VendorFixtures.bigQueryRow(values);
    }

    @BeforeEach
    void googleIsConfigured() throws Exception {
        aws.putSecrets(Map.of("googleServiceAccount", vendors.googleServiceAccountKey()));
        vendors.tokens();
        vendors.postAnswer(QUERIES, null, null, 200, "{\"kind\": \"bigquery#queryResponse\", \"jobReference\": "
                + "{\"projectId\": \"billing-proj\", \"jobId\": \"job_1\", \"location\": \"US\"}, \"jobComplete\": true, "
                + SCHEMA + ", \"totalRows\": \"3\", \"pageToken\": \"p2\", \"rows\": ["
                + row("2026-11-18", "Gemini API", "Gemini 2.5 Pro Input Tokens", "chat-prod", "USD", "12.5", "-2.5")
                + ", " + row("2026-11-18", "Vertex AI", "Gemini 2.5 Flash Output", "chat-prod", "USD", "4.25", "0")
                + "]}");
        vendors.getAnswer(QUERIES + "/job_1", "pageToken", "p2", "{\"jobComplete\": true, " + SCHEMA + ", \"rows\": ["
                + row("2026-11-19", "Gemini API", "Gemini 2.5 Pro Input Tokens", "chat-prod", "USD", "8", "0") + "]}");
    }

    @Test
    void readsEveryPageWithCreditsAsNegativeLines() throws Exception {
        JsonNode report = check(event("scheduled.json"));

        JsonNode google = byField(report.get("vendors"), "vendor").get("google");
        assertThat(google.get("status").asText()).as(google.toString()).isEqualTo("ok");
        var november = aws.partition("COST#2026-11");
        assertThat(new BigDecimal(november.get("google#2026-11-18").get("totalUsd").n())).isEqualByComparingTo("14.25");
        assertThat(november.get("google#2026-11-18").get("lines").l()).extracting(l -> l.m().get("item").s())
                .containsExactly("Gemini API: Gemini 2.5 Pro Input Tokens",
                        "Gemini API: Gemini 2.5 Pro Input Tokens (credits)", "Vertex AI: Gemini 2.5 Flash Output");
        assertThat(new BigDecimal(november.get("google#2026-11-19").get("totalUsd").n())).isEqualByComparingTo("8");

        var token = vendors.posts("/token").get(0);
        assertThat(token.getBodyAsString()).contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")
                .contains("assertion=");
        var query = vendors.posts(QUERIES).get(0);
        assertThat(query.getHeader("Authorization")).isEqualTo("Bearer ya29.test-token");
        JsonNode body = JSON.readTree(query.getBodyAsString());
        assertThat(body.get("query").asText()).contains("FROM `billing-proj.billing.gcp_billing_export_v1_0A1B2C`")
                .contains("service.description IN UNNEST(@services)");
        assertThat(body.get("useLegacySql").asBoolean()).isFalse();
        assertThat(body.at("/queryParameters/0/parameterValue/value").asText()).isEqualTo("2026-09-01");
        assertThat(body.at("/queryParameters/2/parameterValue/arrayValues/0/value").asText()).isEqualTo("Gemini API");
    }

    @Test
    void aRefusedTokenIsReportedWithoutTheKey() throws Exception {
        vendors.postAnswer("/token", null, null, 400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}");

        JsonNode report = check(event("scheduled.json"));

        JsonNode google = byField(report.get("vendors"), "vendor").get("google");
        assertThat(google.get("status").asText()).isEqualTo("failed");
        assertThat(google.get("error").asText()).startsWith("google service-account token: could not get a token")
                .doesNotContain("PRIVATE KEY");
        assertThat(vendors.posts(QUERIES)).isEmpty();
    }
}
