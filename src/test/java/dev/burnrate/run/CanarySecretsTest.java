package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Canary secrets in every place a secret lives (vendor keys, the Azure client secret, the Google key, the Slack and
 * webhook URLs, the webhook's bearer token), DEBUG logging and the REST client's request and response logging on,
 * and every vendor and channel echoing its credentials in an error body: no canary is anywhere text leaves the
 * function — the report, the log, the run log, SNS messages and e-mails.
 */
@QuarkusTest
@TestProfile(CanarySecretsTest.Loud.class)
@QuarkusTestResource(LocalWorldResource.class)
class CanarySecretsTest extends FunctionTestSupport {

    static final Path LOG = Path.of("target", "canary-secrets.log");

    /** Every vendor configured; DEBUG and request/response logging into a file the test reads. */
    public static class Loud implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("burnrate.azure.scope", "subscriptions/00000000-0000-0000-0000-000000000001");
            config.put("burnrate.azure.tenant-id", "tenant-1");
            config.put("burnrate.azure.client-id", "app-1");
            config.put("burnrate.google.billing-table", "billing-proj.billing.gcp_billing_export_v1_0A1B2C");
            config.put("quarkus.log.category.\"dev.burnrate\".level", "DEBUG");
            config.put("quarkus.rest-client.logging.scope", "request-response");
            config.put("quarkus.rest-client.logging.body-limit", "4000");
            config.put("quarkus.log.category.\"org.jboss.resteasy.reactive.client.logging\".level", "DEBUG");
            config.put("quarkus.log.file.enabled", "true");
            config.put("quarkus.log.file.path", LOG.toString());
            config.put("quarkus.log.file.level", "DEBUG");
            config.put("quarkus.log.file.filter", "redact");
            config.put("quarkus.log.console.level", "INFO");
            config.put("burnrate.notify.pagerduty.url", "http://127.0.0.1:${test.wiremock.port}/v2/enqueue");
            config.put("burnrate.metrics.enabled", "true");
            return config;
        }
    }

    @ConfigProperty(name = "test.wiremock.port")
    int port;

    private static final String OPENAI = "sk-admin-CANARYopenai0123456789abcdef";
    private static final String ANTHROPIC = "sk-ant-admin01-CANARYanthropic0123456789";
    private static final String OPENROUTER = "sk-or-v1-CANARYrouter0123456789abcdef";
    private static final String AZURE = "CANARY~azure.Client_Secret-0123456789";
    private static final String SLACK_TOKEN = "CANARYslackToken0123456789";
    private static final String HOOK_TOKEN = "CANARYhookToken0123456789";
    private static final String BEARER = "CANARYbearer0123456789";
    private static final String PAGERDUTY = "CANARYpagerduty0123456789abcdef0";
    private static final String TEAMS_SIG = "CANARYteamsSig0123456789";

    @Test
    void noSecretLeavesTheFunctionAnywhere() throws Exception {
        String googleKey = vendors.googleServiceAccountKey();
        // the key's body, and 40 characters from its middle (the start is the same in every RSA key)
        String privateKey = googleKey.replaceAll(".*-----BEGIN PRIVATE KEY-----\\\\n([A-Za-z0-9+/=]+).*", "$1");
        String keyMiddle = privateKey.substring(privateKey.length() / 2, privateKey.length() / 2 + 40);
        Map<String, String> secret = new HashMap<>();
        secret.put("openai", OPENAI);
        secret.put("anthropic", ANTHROPIC);
        secret.put("openrouter", OPENROUTER);
        secret.put("azureClientSecret", AZURE);
        secret.put("googleServiceAccount", googleKey);
        String slack = "http://127.0.0.1:" + port + "/services/T000/B000/" + SLACK_TOKEN;
        String hook = "http://127.0.0.1:" + port + "/hooks/burnrate?token=" + HOOK_TOKEN;
        secret.put("slackWebhookUrl", slack);
        secret.put("webhookUrl", hook);
        secret.put("webhookAuthorization", "Bearer " + BEARER);
        secret.put("pagerDutyRoutingKey", PAGERDUTY);
        String teams = "http://127.0.0.1:" + port + "/workflows/teams/invoke?api-version=1&sig=" + TEAMS_SIG;
        secret.put("teamsWebhookUrl", teams);
        aws.putSecrets(secret);
        // the file handler holds the log open: read what this run adds to it
        long logStart = Files.exists(LOG) ? Files.size(LOG) : 0;

        // Anthropic is read (its key goes out in every request's x-api-key) and crosses the budget; the others
        // refuse, echoing what they were sent
        vendors.anthropic(new Days().every(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 20),
                new Charge("wrkspc_a", "Claude Sonnet 4.5 Usage", "6000")), 31);
        vendors.answer(VendorFixtures.OPENAI_COSTS, 401, "{\"error\": {\"message\": \"Incorrect API key provided: "
                + OPENAI + ". You can find your API key at https://platform.openai.com/account/api-keys.\"}}");
        vendors.answer(VendorFixtures.OPENROUTER_ACTIVITY, 401, "{\"error\": {\"code\": 401, \"message\": "
                + "\"No auth credentials found for Bearer " + OPENROUTER + "\"}}");
        vendors.tokens();
        vendors.postAnswer(VendorFixtures.AZURE_TOKEN, null, null, 401, "{\"error\": \"invalid_client\", "
                + "\"error_description\": \"AADSTS7000215: Invalid client secret provided: client_secret=" + AZURE
                + "\"}");
        vendors.postAnswer(VendorFixtures.BIGQUERY_QUERIES, null, null, 403, "{\"error\": {\"code\": 403, "
                + "\"message\": \"Access denied for key " + privateKey + "\", \"errors\": [{\"reason\": "
                + "\"accessDenied\"}]}}");
        vendors.webhook("/services/T000/B000/" + SLACK_TOKEN, 500, "no_service: " + slack);
        vendors.webhook("/hooks/burnrate", 500, "{\"error\": \"unauthorized: Bearer " + BEARER + " at " + hook + "\"}");
        vendors.webhook("/v2/enqueue", 400, "{\"status\": \"invalid event\", \"errors\": [\"routing_key " + PAGERDUTY
                + " is unknown\"]}");
        vendors.webhook("/workflows/teams/invoke", 401, "{\"error\": {\"code\": \"DirectApiAuthorizationRequired\", "
                + "\"message\": \"The signature " + TEAMS_SIG + " of " + teams + " is invalid\"}}");

        JsonNode report = check(event("scheduled.json"));

        assertThat(byField(report.get("vendors"), "vendor").get("anthropic").get("status").asText()).isEqualTo("ok");
        assertThat(report.get("alerts").toString()).as("the channels were tried and failed").contains("slack")
                .contains("webhook").contains("HTTP 500").contains("pagerduty").contains("HTTP 400").contains("teams")
                .contains("HTTP 401");
        assertThat(byField(report.get("vendors"), "vendor").get("azure").get("error").asText())
                .contains("Invalid client secret provided: client_secret=[redact");
        List<String> places = new ArrayList<>();
        places.add("report: " + report);
        String log = Files.readString(LOG).substring((int) logStart);
        places.add("log: " + log);
        places.add("run log: " + aws.partition("RUN#2026-11-20"));
        places.add("sns: " + aws.snsMessages());
        places.add("e-mail: " + aws.sentEmails());
        assertThat(log).as("request logging was on").contains("x-api-key");
        for (String place : places) {
            for (String canary : List.of(OPENAI, ANTHROPIC, OPENROUTER, AZURE, SLACK_TOKEN, HOOK_TOKEN, BEARER,
                    PAGERDUTY, TEAMS_SIG, privateKey, keyMiddle, "CANARY")) {
                assertThat(place).as(place.substring(0, place.indexOf(':')) + " holds no " + canary)
                        .doesNotContain(canary);
            }
        }
    }
}
