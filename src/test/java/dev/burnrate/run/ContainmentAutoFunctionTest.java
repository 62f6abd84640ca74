package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalAws;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures.Buckets;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import dev.burnrate.testing.VendorFixtures.Tokens;
import dev.burnrate.testing.VendorSwitches;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An {@code auto} policy acts at once only past its threshold (a runaway above $20 an hour, a budget past 150%),
 * proposes below it, approves its own earlier proposal once the trigger passes the threshold, and never acts in a
 * dry run.
 */
@QuarkusTest
@TestProfile(ContainmentAutoFunctionTest.Auto.class)
@QuarkusTestResource(LocalWorldResource.class)
class ContainmentAutoFunctionTest extends FunctionTestSupport {

    public static class Auto implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.budgets", "total=100000; openai=300",
                    "burnrate.containment.policies", "openai=auto",
                    "burnrate.containment.auto-above-usd-per-hour", "20",
                    "burnrate.containment.auto-above-budget-percent", "150",
                    "burnrate.containment.approve-url", "https://contain.example.com/");
        }
    }

    private static final LocalDate HISTORY_START = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Instant WEEK_AGO = Instant.parse("2026-11-13T00:00:00Z");
    private static final Instant LAST_HOUR = Instant.parse("2026-11-20T09:00:00Z");
    private static final String MINI = "gpt-5-mini-2025-08-07";

    private void secrets() {
        aws.putSecrets(Map.of("openai", LocalAws.OPENAI_KEY, "anthropic", LocalAws.ANTHROPIC_KEY,
                "containmentSigningKey", "test-signing-key-0123456789abcdefghijklmnop",
                "openaiContainKey", "sk-admin-test-openai-write-0123"));
        vendors.switches();
        vendors.anthropic(new Days(), 31);
    }

    /** OpenAI's proj_chat at {@code perDay} dollars a day since September. */
    private void openAi(String perDay) {
        vendors.openAi(new Days().every(HISTORY_START, TODAY, new Charge("proj_chat", MINI + ", input", perDay)), 31);
    }

    /** A week of ordinary hours of OpenAI completions, then the last hour at {@code lastHourInputTokens}. */
    private void hoursWithALastHourOf(long lastHourInputTokens) {
        vendors.openAiUsage("completions", "1h", new Buckets()
                .hours(WEEK_AGO, LAST_HOUR, new Tokens(null, MINI, 1_000_000, 200_000, 100_000, 50))
                .add(LAST_HOUR, new Tokens(null, MINI, lastHourInputTokens, 0, 5_000_000, 90_000)), 168);
    }

    @Test
    void aRunawayAboveTheThresholdIsContainedAtOnceByTheRule() throws Exception {
        secrets();
        openAi("6.00");
        hoursWithALastHourOf(100_000_000);   // $35 in the last hour against about $0.41: above $20

        JsonNode report = check(event("scheduled.json"));

        assertThat(report.get("containment")).extracting(l -> l.get("status").asText())
                .containsExactly("proposed", "contained");
        assertThat(report.get("containment").get(1).get("detail").asText())
                .startsWith("hard spend limit set to $120.00 a month (was none)");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(12_000);   // what proj_chat spent by Nov 20
        String id = report.get("containment").get(0).get("action").asText();
        JsonNode list = check(event("contain-list.json"));
        assertThat(list.at("/actions/0/history/1").asText()).startsWith(
                "2026-11-20T10:00:00Z approved by rule: runaway at $35.00 an hour, above $20.00");
        assertThat(aws.snsMessages()).extracting(n -> n.at("/MessageAttributes/kind/Value").asText())
                .containsExactly("runaway", "containment_proposed", "containment_approved", "containment_done");
        assertThat(aws.partition("CONTAIN")).containsOnlyKeys(id);
    }

    @Test
    void aRunawayBelowTheThresholdIsOnlyProposed() throws Exception {
        secrets();
        openAi("6.00");
        hoursWithALastHourOf(40_000_000);   // a runaway, but about $14 in the hour: under $20

        JsonNode report = check(event("scheduled.json"));

        assertThat(report.get("containment")).extracting(l -> l.get("status").asText()).containsExactly("proposed");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).isEmpty();
        assertThat(vendors.requests("/v1/organization/projects/proj_chat/spend_limit")).isEmpty();
    }

    @Test
    void aBudgetPastTheThresholdLaterApprovesTheEarlierProposal() throws Exception {
        secrets();
        openAi("20.00");   // $400 by Nov 20: 133% of $300, under 150%
        JsonNode first = check(event("scheduled.json"));
        assertThat(first.get("containment")).extracting(l -> l.get("status").asText()).containsExactly("proposed");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).isEmpty();

        openAi("50.00");   // the last 4 days (what a check refetches) restated: $320 + $200, 173% of $300
        JsonNode second = check(event("scheduled.json"));

        assertThat(second.get("containment")).extracting(l -> l.get("action").asText() + " " + l.get("status").asText())
                .containsExactly(first.get("containment").get(0).get("action").asText() + " contained");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(40_000);   // the spend known when proposed
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndDoesNothing() throws Exception {
        secrets();
        openAi("6.00");
        hoursWithALastHourOf(100_000_000);

        JsonNode report = check(event("manual-check.json"));

        assertThat(report.get("containment")).singleElement().satisfies(l -> {
            assertThat(l.get("status").asText()).isEqualTo("proposed");
            assertThat(l.get("detail").asText()).isEqualTo("dry run: would propose and act (rule: runaway at $35.00 "
                    + "an hour, above $20.00)");
        });
        assertThat(aws.partition("CONTAIN")).isEmpty();
        assertThat(vendors.requests("/v1/organization/projects/proj_chat/spend_limit")).isEmpty();
        assertThat(aws.snsMessages()).isEmpty();
    }
}
