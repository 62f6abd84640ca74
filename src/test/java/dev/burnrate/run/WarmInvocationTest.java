package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalAws;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a warm function keeps between checks, and when it lets go: the secret (Secrets Manager on moto) for
 * {@code burnrate.secrets.cache-ttl} (10 minutes by default), or until a vendor refuses a key from it. The Google and
 * Entra ID tokens' lifetimes are tested in {@link GoogleFunctionTest} and {@link AzureFunctionTest}.
 */
@QuarkusTest
@QuarkusTestResource(LocalWorldResource.class)
class WarmInvocationTest extends FunctionTestSupport {

    private static final String ROTATED = "sk-admin-rotated-test-key";

    @BeforeEach
    void openAiSpends() {
        vendors.openAi(new Days().every(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 20),
                new Charge("proj_chat", "gpt-5-mini-2025-08-07, input", "6.00")), 31);
    }

    private String lastOpenAiKey() {
        var requests = vendors.requests(VendorFixtures.OPENAI_COSTS);
        return requests.get(requests.size() - 1).getHeader("Authorization");
    }

    private String openAiStatus(JsonNode report) {
        return byField(report.get("vendors"), "vendor").get("openai").get("status").asText();
    }

    @Test
    void aRotatedSecretIsReadOnceTheCacheTimeToLiveHasPassed() throws Exception {
        check(event("scheduled.json"));
        assertThat(lastOpenAiKey()).isEqualTo("Bearer " + LocalAws.OPENAI_KEY);
        aws.putSecrets(Map.of("openai", ROTATED, "anthropic", LocalAws.ANTHROPIC_KEY));

        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        check(event("scheduled.json"));
        assertThat(lastOpenAiKey()).as("within 10 minutes: the secret as read").isEqualTo("Bearer " + LocalAws.OPENAI_KEY);

        clock.advance(Duration.ofSeconds(1));
        check(event("scheduled.json"));
        assertThat(lastOpenAiKey()).as("after 10 minutes: read again").isEqualTo("Bearer " + ROTATED);
    }

    @Test
    void aKeyTheVendorRefusesMakesTheNextCheckReadTheSecretAgain() throws Exception {
        check(event("scheduled.json"));
        vendors.answer(VendorFixtures.OPENAI_COSTS, 401, "{\"error\": {\"message\": \"Incorrect API key provided.\", "
                + "\"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}");
        aws.putSecrets(Map.of("openai", ROTATED, "anthropic", LocalAws.ANTHROPIC_KEY));

        JsonNode refused = check(event("scheduled.json"));
        assertThat(openAiStatus(refused)).isEqualTo("failed");
        assertThat(lastOpenAiKey()).as("the kept secret, refused").isEqualTo("Bearer " + LocalAws.OPENAI_KEY);

        vendors.reset();
        openAiSpends();
        JsonNode next = check(event("scheduled.json"));
        assertThat(openAiStatus(next)).as(next.toString()).isEqualTo("ok");
        assertThat(lastOpenAiKey()).as("the same minute, read again after the refusal").isEqualTo("Bearer " + ROTATED);
    }
}
