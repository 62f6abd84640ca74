package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** AWS Bedrock spend from Cost Explorer, served by moto over its real protocol. */
@QuarkusTest
@TestProfile(BedrockFunctionTest.Bedrock.class)
@QuarkusTestResource(LocalWorldResource.class)
class BedrockFunctionTest extends FunctionTestSupport {

    public static class Bedrock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.bedrock.enabled", "true");
        }
    }

    private static final String TWO_DAYS = """
            [{"TimePeriod": {"Start": "2026-11-18", "End": "2026-11-19"}, "Total": {}, "Estimated": true,
              "Groups": [
                {"Keys": ["Amazon Bedrock", "USE1-Claude3.5Sonnet-input-tokens"],
                 "Metrics": {"UnblendedCost": {"Amount": "12.3400000001", "Unit": "USD"}}},
                {"Keys": ["Claude 3.5 Sonnet (Amazon Bedrock Edition)", "USE1-MP:USE1_InputTokenCount-Units"],
                 "Metrics": {"UnblendedCost": {"Amount": "5.66", "Unit": "USD"}}},
                {"Keys": ["Amazon Elastic Compute Cloud - Compute", "USE1-BoxUsage:t3.micro"],
                 "Metrics": {"UnblendedCost": {"Amount": "100.00", "Unit": "USD"}}}]},
             {"TimePeriod": {"Start": "2026-11-19", "End": "2026-11-20"}, "Total": {}, "Estimated": true,
              "Groups": [
                {"Keys": ["Amazon Bedrock", "USE1-Claude3.5Sonnet-output-tokens"],
                 "Metrics": {"UnblendedCost": {"Amount": "-2.00", "Unit": "USD"}}}]}]
            """;

    @Test
    void storesBedrockAndMarketplaceModelsButNotOtherServicesAndCallsAtMostEveryEightHours() throws Exception {
        aws.queueCostAndUsage(TWO_DAYS);

        JsonNode report = check(event("scheduled.json"));

        JsonNode bedrock = byField(report.get("vendors"), "vendor").get("bedrock");
        assertThat(bedrock.get("status").asText()).isEqualTo("ok");
        assertThat(bedrock.get("daysFetched").asInt()).isEqualTo(2);
        var november = aws.partition("COST#2026-11");
        assertThat(new BigDecimal(november.get("bedrock#2026-11-18").get("totalUsd").n()))
                .isEqualByComparingTo("18.0000000001");
        assertThat(new BigDecimal(november.get("bedrock#2026-11-19").get("totalUsd").n())).isEqualByComparingTo("-2.00");
        assertThat(november.get("bedrock#2026-11-18").get("lines").l()).extracting(l -> l.m().get("item").s())
                .containsExactly("Amazon Bedrock: USE1-Claude3.5Sonnet-input-tokens",
                        "Claude 3.5 Sonnet (Amazon Bedrock Edition): USE1-MP:USE1_InputTokenCount-Units");
        assertThat(report.at("/monthToDateByVendorUsd/bedrock").decimalValue()).isEqualByComparingTo("16.00");

        // within eight hours of the last call the stored days are used and Cost Explorer is not asked again
        JsonNode again = check(event("scheduled.json"));
        JsonNode cached = byField(again.get("vendors"), "vendor").get("bedrock");
        assertThat(cached.get("status").asText()).isEqualTo("ok");
        assertThat(cached.get("daysFetched").asInt()).isZero();
        assertThat(cached.get("fetchedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(again.at("/monthToDateByVendorUsd/bedrock").decimalValue()).isEqualByComparingTo("16.00");

        // seven hours after its last call it is still not asked (it refreshes up to three times a day)
        aws.setLastSuccess("bedrock", Instant.parse("2026-11-20T03:00:00Z"));
        JsonNode sevenHours = check(event("scheduled.json"));
        assertThat(byField(sevenHours.get("vendors"), "vendor").get("bedrock").get("daysFetched").asInt()).isZero();

        // eight hours on it is asked again; an answer without Bedrock days leaves the stored ones alone
        aws.setLastSuccess("bedrock", Instant.parse("2026-11-20T02:00:00Z"));
        aws.queueCostAndUsage("[]");
        JsonNode later = check(event("scheduled.json"));
        assertThat(byField(later.get("vendors"), "vendor").get("bedrock").get("fetchedAt").asText())
                .isEqualTo("2026-11-20T10:00:00Z");
        assertThat(later.at("/monthToDateByVendorUsd/bedrock").decimalValue()).isEqualByComparingTo("16.00");
    }
}
