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
 * signs the token request (checked here with the key's public half, as Google checks it) sent to WireMock, and
 * BigQuery's REST answers come from WireMock in the documented shape.
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
    void theTokenRequestIsAJwtSignedWithTheServiceAccountsKey() throws Exception {
        check(event("scheduled.json"));

        String body = vendors.posts("/token").get(0).getBodyAsString();
        String assertion = java.net.URLDecoder.decode(body.substring(body.indexOf("assertion=") + "assertion=".length())
                .split("&")[0], java.nio.charset.StandardCharsets.UTF_8);
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(assertion);
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(VendorFixtures.googlePublicKey())))
                .as("signed with the key's private half").isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("burnrate@billing-proj.iam.gserviceaccount.com");
        assertThat(claims.getAudience()).containsExactly("http://127.0.0.1:" + wireMockPort + "/token");
        assertThat(claims.getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/cloud-platform.read-only");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo("2026-11-20T11:00:00Z");
    }

    @Test
    void aWarmFunctionKeepsTheTokenUntilShortlyBeforeItExpires() throws Exception {
        check(event("scheduled.json"));
        clock.advance(java.time.Duration.ofMinutes(54));
        check(event("scheduled.json"));
        assertThat(vendors.posts("/token")).as("the second check used the kept token").hasSize(1);
        assertThat(vendors.posts(QUERIES)).extracting(r -> r.getHeader("Authorization"))
                .containsOnly("Bearer ya29.test-token");

        clock.advance(java.time.Duration.ofMinutes(2)); // 56 minutes: within 5 minutes of expires_in (3600 s)
        check(event("scheduled.json"));
        assertThat(vendors.posts("/token")).as("renewed before it expires").hasSize(2);
    }

    @Test
    void aTokenBigQueryRefusesIsForgottenAndTheNextCheckAsksAgain() throws Exception {
        check(event("scheduled.json"));
        vendors.postAnswer(QUERIES, null, null, 401, "{\"error\": {\"code\": 401, \"message\": \"Request had "
                + "invalid authentication credentials.\", \"status\": \"UNAUTHENTICATED\"}}");
        JsonNode refused = byField(check(event("scheduled.json")).get("vendors"), "vendor").get("google");
        assertThat(refused.get("status").asText()).isEqualTo("failed");
        assertThat(refused.get("error").asText()).startsWith("google POST bigquery jobs.query: answered HTTP 401")
                .contains("invalid authentication credentials");
        assertThat(vendors.posts("/token")).hasSize(1);

        googleIsConfigured();
        JsonNode again = byField(check(event("scheduled.json")).get("vendors"), "vendor").get("google");
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("ok");
        assertThat(vendors.posts("/token")).as("a new token after the refusal").hasSize(2);
    }

    @Test
    void aRefusedTokenIsReportedWithoutTheKey() throws Exception {
        vendors.postAnswer("/token", null, null, 400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}");

        JsonNode report = check(event("scheduled.json"));

        JsonNode google = byField(report.get("vendors"), "vendor").get("google");
        assertThat(google.get("status").asText()).isEqualTo("failed");
        assertThat(google.get("error").asText()).startsWith("google service-account token: answered HTTP 400")
                .contains("Invalid JWT Signature").doesNotContain("PRIVATE KEY");
        assertThat(vendors.posts(QUERIES)).isEmpty();
    }

    @Test
    void aKeyThatIsNotAServiceAccountKeyIsNamedAndNothingIsAsked() throws Exception {
        aws.putSecrets(Map.of("googleServiceAccount", "{\"type\": \"authorized_user\", \"client_id\": \"1\"}"));

        JsonNode google = byField(check(event("scheduled.json")).get("vendors"), "vendor").get("google");

        assertThat(google.get("error").asText()).isEqualTo("google service-account token: could not get a token with "
                + "the key in 'googleServiceAccount': it has type 'authorized_user'; expected a service-account key "
                + "(type service_account)");
        assertThat(vendors.posts("/token")).isEmpty();
    }

    @Test
    void aKeyWhosePrivateKeyIsNotPemIsNamedWithoutShowingIt() throws Exception {
        aws.putSecrets(Map.of("googleServiceAccount", vendors.googleServiceAccountKey()
                .replaceAll("-----BEGIN PRIVATE KEY-----[^\"]*-----END PRIVATE KEY-----", "not-a-key-at-all")));

        JsonNode google = byField(check(event("scheduled.json")).get("vendors"), "vendor").get("google");

        assertThat(google.get("error").asText()).isEqualTo("google service-account token: could not get a token with "
                + "the key in 'googleServiceAccount': it has a 'private_key' that is not a PKCS#8 RSA key in PEM");
        assertThat(vendors.posts("/token")).isEmpty();
    }
}
