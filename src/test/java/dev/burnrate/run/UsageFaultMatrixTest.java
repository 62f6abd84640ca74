package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Buckets;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import dev.burnrate.testing.VendorFixtures.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * OpenAI's and Anthropic's usage endpoints against each fault: the cost is stored whatever usage meets, the
 * report names a usage failure, and the usage stored before is intact.
 */
@QuarkusTest
@QuarkusTestResource(LocalWorldResource.class)
class UsageFaultMatrixTest extends FunctionTestSupport {

    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    enum Fault {
        RATE_LIMITED_WITH_RETRY_AFTER, SERVER_ERROR_THEN_SUCCESS, TIMEOUT, MALFORMED_JSON, EMPTY_RESULT, THREE_PAGES
    }

    static Stream<Arguments> matrix() {
        return Stream.of("openai", "anthropic")
                .flatMap(vendor -> Stream.of(Fault.values()).map(fault -> Arguments.of(vendor, fault)));
    }

    private static String path(String vendor) {
        return vendor.equals("openai") ? VendorFixtures.OPENAI_COMPLETIONS_USAGE : VendorFixtures.ANTHROPIC_USAGE;
    }

    /** $10 a day at both; {@code inputTokens} a day from Nov 17, in {@code daysPerPage} daily buckets a page. */
    private void serve(long inputTokens, LocalDate usageFrom, int daysPerPage) {
        vendors.openAi(new Days().every(FROM, TODAY, new Charge("proj_chat", "gpt-5-mini, input", "10.00")), 31);
        vendors.anthropic(new Days().every(FROM, TODAY, new Charge("wrkspc_a", "Claude Sonnet 4.5 Usage", "1000")), 31);
        Buckets openAi = new Buckets();
        Buckets anthropic = new Buckets();
        for (LocalDate day = usageFrom; !day.isAfter(TODAY); day = day.plusDays(1)) {
            openAi.day(day, new Tokens("proj_chat", "gpt-5-mini-2025-08-07", inputTokens, 0, 100_000, 10));
            anthropic.day(day, new Tokens("wrkspc_a", "claude-sonnet-4-5-20250929", inputTokens, 0, 100_000, 0));
        }
        vendors.openAiUsage("completions", "1d", openAi, daysPerPage);
        vendors.anthropicUsage("1d", anthropic, daysPerPage);
        Instant midnight = Instant.parse("2026-11-20T00:00:00Z");
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        vendors.openAiUsage("completions", "1h", new Buckets().hours(midnight, now,
                new Tokens(null, "gpt-5-mini-2025-08-07", 40_000, 0, 4_000, 1)), 168);
        vendors.anthropicUsage("1h", new Buckets().hours(midnight, now,
                new Tokens(null, "claude-sonnet-4-5-20250929", 40_000, 0, 4_000, 0)), 168);
    }

    private Long storedInputTokens(String vendor, String day) {
        Map<String, AttributeValue> item = aws.partition("COST#2026-11").get(vendor + "#" + day + "#usage");
        return item == null ? null : Long.valueOf(item.get("inputTokens").n());
    }

    private String storedCost(String vendor, String day) {
        return aws.partition("COST#2026-11").get(vendor + "#" + day).get("totalUsd").n();
    }

    @ParameterizedTest(name = "{0} usage {1}")
    @MethodSource("matrix")
    void theCostIsStoredAndStoredUsageStaysRight(String vendor, Fault fault) throws Exception {
        String other = vendor.equals("openai") ? "anthropic" : "openai";
        serve(1_000_000, TODAY.minusDays(3), 31);
        check(event("scheduled.json"));
        assertThat(storedInputTokens(vendor, "2026-11-19")).isEqualTo(1_000_000);
        int ordinary = vendors.requests(path(vendor)).size();
        switch (fault) {
            case RATE_LIMITED_WITH_RETRY_AFTER -> vendors.failFirstWhere(path(vendor), "bucket_width", "1d", 429,
                    "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"rate_limit_error\"}}", "1");
            case SERVER_ERROR_THEN_SUCCESS -> vendors.failFirstWhere(path(vendor), "bucket_width", "1d", 500,
                    "{\"error\": {\"message\": \"Internal error\"}}", null);
            case TIMEOUT -> vendors.slow(path(vendor), 2500);
            case MALFORMED_JSON -> vendors.answer(path(vendor), 200, "{\"data\": [ {\"start");
            case EMPTY_RESULT -> vendors.answer(path(vendor), 200,
                    "{\"object\": \"page\", \"data\": [], \"has_more\": false, \"next_page\": null}");
            case THREE_PAGES -> serve(2_000_000, TODAY.minusDays(2), 1);
        }

        JsonNode report = check(event("scheduled.json"));

        JsonNode status = byField(report.get("vendors"), "vendor").get(vendor);
        assertThat(status.get("status").asText()).as("the cost was read").isEqualTo("ok");
        assertThat(byField(report.get("vendors"), "vendor").get(other).get("usageError").isNull()).isTrue();
        int requests = vendors.requests(path(vendor)).size() - ordinary;
        switch (fault) {
            case RATE_LIMITED_WITH_RETRY_AFTER, SERVER_ERROR_THEN_SUCCESS -> {
                assertThat(status.get("usageError").isNull()).isTrue();
                // the daily and the hourly request, and the daily one again
                assertThat(requests).isEqualTo(3);
            }
            // the time-out names the endpoint it was in
            // the time-out names the endpoints still under way: OpenAI's daily and hourly completions run at once
            case TIMEOUT -> assertThat(status.get("usageError").asText())
                    .isEqualTo(vendor + ": the cost is stored, but usage did not finish within 5s (in GET "
                            + (vendor.equals("openai") ? "/v1/organization/usage/completions, GET "
                                    + "/v1/organization/usage/completions (1h))"
                                    : "/v1/organizations/usage_report/messages)"));
            case MALFORMED_JSON -> {
                assertThat(status.get("usageError").asText()).startsWith(vendor + " GET ")
                        .contains("not the expected JSON");
                // each endpoint fails on its own, at once: the daily one, then the hourly one on the same path
                assertThat(requests).isEqualTo(2);
            }
            case EMPTY_RESULT -> assertThat(status.get("usageError").isNull()).isTrue();
            case THREE_PAGES -> {
                assertThat(status.get("usageError").isNull()).isTrue();
                // three daily pages, one hourly
                assertThat(requests).isEqualTo(4);
                assertThat(storedInputTokens(vendor, "2026-11-19")).isEqualTo(2_000_000);
                assertThat(storedInputTokens(vendor, "2026-11-17")).as("not in the answer: kept").isEqualTo(1_000_000);
            }
        }
        if (fault != Fault.THREE_PAGES) {
            assertThat(storedInputTokens(vendor, "2026-11-19")).isEqualTo(1_000_000);
            assertThat(storedInputTokens(vendor, "2026-11-17")).isEqualTo(1_000_000);
        }
        assertThat(storedCost(vendor, "2026-11-19")).isEqualTo("10.00");
        // the other vendor's usage is read as served (THREE_PAGES serves both anew)
        assertThat(storedInputTokens(other, "2026-11-19")).isEqualTo(fault == Fault.THREE_PAGES ? 2_000_000 : 1_000_000);
    }
}
