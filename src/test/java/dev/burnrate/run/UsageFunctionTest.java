package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalAws;
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
 * Token usage beside cost (OpenAI's Usage API, Anthropic's usage report), the hourly points it gives, and the
 * runaway alert read from them. The clock is fixed at 2026-11-20T10:00:00Z; the budget is $1,000.
 */
@QuarkusTest
@QuarkusTestResource(LocalWorldResource.class)
class UsageFunctionTest extends FunctionTestSupport {

    private static final LocalDate HISTORY_START = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Instant WEEK_AGO = Instant.parse("2026-11-13T00:00:00Z");
    private static final Instant LAST_HOUR = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final String MINI = "gpt-5-mini-2025-08-07";
    private static final String SONNET = "claude-sonnet-4-5-20250929";
    /** An ordinary hour: 800k uncached input ($0.20), 200k cached ($0.005), 100k output ($0.20) = $0.405. */
    private static final Tokens NORMAL_HOUR = new Tokens(null, MINI, 1_000_000, 200_000, 100_000, 50);
    /** A retry loop: 100M input ($25) and 5M output ($10) in an hour = $35. */
    private static final Tokens LOOPING_HOUR = new Tokens(null, MINI, 100_000_000, 0, 5_000_000, 90_000);

    /** $6 a day at OpenAI, $4 at Anthropic: $200 by Nov 20, far under budget, so only runaways alert. */
    private void tenDollarsADay(String openAiDaily) {
        vendors.openAi(new Days().every(HISTORY_START, TODAY, new Charge("proj_chat", MINI + ", input", openAiDaily)),
                31);
        vendors.anthropic(new Days().every(HISTORY_START, TODAY,
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Input Tokens", "400")), 31);
    }

    private void openAiDailyUsage() {
        vendors.openAiUsage("completions", "1d", new Buckets()
                .day(TODAY.minusDays(2), new Tokens("proj_chat", MINI, 1_000_000, 0, 100_000, 100))
                .day(TODAY.minusDays(1), new Tokens("proj_chat", MINI, 2_000_000, 500_000, 300_000, 1200),
                        new Tokens("proj_batch", "gpt-4.1-2025-04-14", 1_000_000, 0, 50_000, 40))
                .day(TODAY, new Tokens("proj_chat", MINI, 800_000, 200_000, 100_000, 500)), 1);
        vendors.openAiUsage("embeddings", "1d", new Buckets()
                .day(TODAY.minusDays(1), new Tokens("proj_chat", "text-embedding-3-small", 5_000_000, 0, 0, 300)), 31);
        vendors.openAiUsage("images", "1d", new Buckets()
                .day(TODAY.minusDays(1), new Tokens("proj_chat", "gpt-image-1", 12, 0, 0, 12)), 31);
    }

    /** {@link #tenDollarsADay} (OpenAI at $6), its daily usage, and a normal hour of completions since yesterday. */
    private void openAiWithNormalHours() {
        tenDollarsADay("6.00");
        openAiDailyUsage();
        vendors.openAiUsage("completions", "1h", new Buckets()
                .hours(TODAY.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), NOW, NORMAL_HOUR), 168);
    }

    private Map<String, AttributeValue> costItem(String vendor, LocalDate day) {
        return aws.partition("COST#2026-11").get(vendor + "#" + day);
    }

    /** The usage stored beside a day's cost snapshot. */
    private Map<String, AttributeValue> usageItem(String vendor, LocalDate day) {
        return aws.partition("COST#2026-11").get(vendor + "#" + day + "#usage");
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    @Test
    void tokensAndRequestsAreStoredWithTheDayAndHoursBecomePricedHourlyPoints() throws Exception {
        openAiWithNormalHours();
        vendors.anthropicUsage("1d", new Buckets()
                .day(TODAY.minusDays(1), new Tokens("wrkspc_support", SONNET, 3_000_000, 1_000_000, 200_000, 150_000, 0)),
                31);
        vendors.anthropicUsage("1h", new Buckets()
                .add(LAST_HOUR, new Tokens(null, SONNET, 1_000_000, 500_000, 100_000, 20_000, 0)), 168);
        // Anthropic's usage report first says "slow down": the retry waits the second it asks for
        vendors.failFirst(VendorFixtures.ANTHROPIC_USAGE, 429,
                "{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\", \"message\": \"slow down\"}}", "1");

        JsonNode report = check(event("scheduled.json"));

        JsonNode openAi = byField(report.get("vendors"), "vendor").get("openai");
        assertThat(openAi.get("status").asText()).isEqualTo("ok");
        assertThat(openAi.get("usageError").isNull()).isTrue();
        // month to date: Nov 18-20 completions, Nov 19 embeddings (5M input) and images (12 requests)
        assertThat(openAi.at("/usage/inputTokens").asLong()).isEqualTo(9_800_000);
        assertThat(openAi.at("/usage/cachedInputTokens").asLong()).isEqualTo(700_000);
        assertThat(openAi.at("/usage/outputTokens").asLong()).isEqualTo(550_000);
        assertThat(openAi.at("/usage/requests").asLong()).isEqualTo(2152);
        JsonNode anthropic = byField(report.get("vendors"), "vendor").get("anthropic");
        assertThat(anthropic.at("/usage/inputTokens").asLong()).isEqualTo(3_000_000);
        assertThat(anthropic.at("/usage/cachedInputTokens").asLong()).isEqualTo(1_000_000);
        assertThat(anthropic.at("/usage/requests").isNull()).as("Anthropic counts no requests").isTrue();

        // a first run reads its history (from Sep 1: two months back, the default) in slices of at most a week,
        // the latest (the hourly window's days) first, then back to Sep 1, with neither a gap nor an overlap
        var daily = vendors.requests(VendorFixtures.OPENAI_COMPLETIONS_USAGE).stream()
                .filter(r -> r.queryParameter("bucket_width").firstValue().equals("1d")).toList();
        List<String> windows = daily.stream().map(r -> day(r.queryParameter("start_time").firstValue()) + ".."
                + day(r.queryParameter("end_time").firstValue())).distinct().toList();
        assertThat(windows).containsExactly("2026-11-13..2026-11-21", "2026-11-06..2026-11-13",
                "2026-10-30..2026-11-06", "2026-10-23..2026-10-30", "2026-10-16..2026-10-23", "2026-10-09..2026-10-16",
                "2026-10-02..2026-10-09", "2026-09-25..2026-10-02", "2026-09-18..2026-09-25", "2026-09-11..2026-09-18",
                "2026-09-04..2026-09-11", "2026-09-01..2026-09-04");
        // the latest slice's three daily buckets at one a page: every page was read
        assertThat(daily).filteredOn(r -> r.queryParameter("start_time").firstValue()
                .equals(Long.toString(WEEK_AGO.getEpochSecond()))).hasSize(3);
        var hourly = vendors.requests(VendorFixtures.OPENAI_COMPLETIONS_USAGE).stream()
                .filter(r -> r.queryParameter("bucket_width").firstValue().equals("1h")).toList();
        assertThat(hourly).hasSize(1);
        // a first run reads a week of hours, so the runaway detector has something to compare with at once
        assertThat(hourly.get(0).queryParameter("start_time").firstValue())
                .isEqualTo(Long.toString(WEEK_AGO.getEpochSecond()));
        assertThat(hourly.get(0).queryParameter("group_by[]").values()).containsExactly("model");
        assertThat(hourly.get(0).getHeader("Authorization")).isEqualTo("Bearer " + LocalAws.OPENAI_KEY);

        assertThat(costItem("openai", TODAY.minusDays(1)).get("totalUsd").n()).isEqualTo("6.00");
        Map<String, AttributeValue> day = usageItem("openai", TODAY.minusDays(1));
        assertThat(day.get("fetchedAt").s()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(number(day, "inputTokens")).isEqualTo(8_000_000);
        assertThat(number(day, "cachedInputTokens")).isEqualTo(500_000);
        assertThat(number(day, "outputTokens")).isEqualTo(350_000);
        assertThat(number(day, "requests")).isEqualTo(1552);
        assertThat(day).as("the totals item holds no line").doesNotContainKey("usage");
        List<Map<String, AttributeValue>> lines = aws.usageLines("openai", TODAY.minusDays(1));
        assertThat(lines).extracting(l -> l.get("kind").s() + " " + l.get("project").s() + " "
                + l.get("model").s()).containsExactlyInAnyOrder("completions proj_chat " + MINI,
                        "completions proj_batch gpt-4.1-2025-04-14", "embeddings proj_chat text-embedding-3-small",
                        "images proj_chat gpt-image-1");
        assertThat(lines).filteredOn(l -> l.get("kind").s().equals("images"))
                .singleElement().satisfies(l -> {
                    assertThat(l.get("quantity").n()).isEqualTo("12");
                    assertThat(l.get("unit").s()).isEqualTo("images");
                });
        Map<String, AttributeValue> anthropicDay = usageItem("anthropic", TODAY.minusDays(1));
        assertThat(number(anthropicDay, "inputTokens")).isEqualTo(3_000_000);
        assertThat(anthropicDay).doesNotContainKey("requests");
        // a day the usage endpoints did not report has no usage item
        assertThat(usageItem("openai", TODAY.minusDays(5))).isNull();

        Map<String, Map<String, AttributeValue>> hours = aws.partition("HOURLY#openai");
        assertThat(hours).containsOnlyKeys("2026-11-19", "2026-11-20");
        assertThat(hours.get("2026-11-19").get("hours").m()).hasSize(24);
        Map<String, AttributeValue> today = hours.get("2026-11-20").get("hours").m();
        assertThat(today).hasSize(10).containsKeys("00", "09");
        assertThat(today.get("09").m().get("usd").n()).isEqualTo("0.405");
        assertThat(today.get("09").m().get("inputTokens").n()).isEqualTo("1000000");
        assertThat(today.get("09").m().get("requests").n()).isEqualTo("50");
        // kept 35 days after the day ends
        assertThat(hours.get("2026-11-20").get("expiresAt").n())
                .isEqualTo(Long.toString(Instant.parse("2026-12-26T00:00:00Z").getEpochSecond()));
        // Anthropic: 400k uncached at $3 + 500k cache reads at $0.30 + 100k cache writes at $3.75 + 20k out at $15
        assertThat(aws.partition("HOURLY#anthropic").get("2026-11-20").get("hours").m().get("09").m().get("usd").n())
                .isEqualTo("2.025");
        // the latest slice's daily request twice (429, then the wait it asked for), its hourly one once, then one
        // request for each older slice of the first run's history
        assertThat(vendors.requests(VendorFixtures.ANTHROPIC_USAGE)).extracting(r -> r.queryParameter("bucket_width")
                .firstValue() + " " + r.queryParameter("starting_at").firstValue().substring(0, 10))
                .containsExactly("1d 2026-11-13", "1d 2026-11-13", "1h 2026-11-13", "1d 2026-11-06", "1d 2026-10-30",
                        "1d 2026-10-23", "1d 2026-10-16", "1d 2026-10-09", "1d 2026-10-02", "1d 2026-09-25",
                        "1d 2026-09-18", "1d 2026-09-11", "1d 2026-09-04", "1d 2026-09-01");
        assertThat(report.get("alerts")).isEmpty();
    }

    @Test
    void openAisSixUsageRequestsAreInFlightTogether() throws Exception {
        tenDollarsADay("6.00");
        openAiDailyUsage();
        // five daily endpoints and the hourly completions: held until all six are in flight, or refused
        dev.burnrate.testing.Rendezvous.arm(VendorFixtures.OPENAI_USAGE + "/", 6);

        JsonNode openAi = byField(check(event("scheduled.json")).get("vendors"), "vendor").get("openai");

        assertThat(openAi.get("usageError").isNull()).as(openAi.toString()).isTrue();
        assertThat(number(usageItem("openai", TODAY.minusDays(1)), "inputTokens")).isEqualTo(8_000_000);
        // the latest slice once (the older slices of the first run's history follow it)
        assertThat(vendors.requests(VendorFixtures.OPENAI_USAGE + "/embeddings")).filteredOn(r -> r
                .queryParameter("start_time").firstValue().equals(Long.toString(WEEK_AGO.getEpochSecond())))
                .hasSize(1);
    }

    /**
     * A first run reads its usage history in slices, latest first: an older slice that is refused stops the ones
     * older still, and what was read before it — the latest days and the hourly points — is stored.
     */
    @Test
    void anOlderUsageSliceThatFailsStopsTheOlderOnesAndKeepsTheLatest() throws Exception {
        openAiWithNormalHours();
        String october16 = Long.toString(Instant.parse("2026-10-16T00:00:00Z").getEpochSecond());
        vendors.failFirstWhere(VendorFixtures.OPENAI_COMPLETIONS_USAGE, "start_time", october16, 400,
                "{\"error\": {\"message\": \"start_time is out of range\", \"type\": \"invalid_request_error\"}}",
                null);

        JsonNode openAi = byField(check(event("scheduled.json")).get("vendors"), "vendor").get("openai");

        assertThat(openAi.get("status").asText()).as("the cost was read").isEqualTo("ok");
        assertThat(openAi.get("usageError").asText()).contains("GET /v1/organization/usage/completions")
                .contains("start_time is out of range");
        assertThat(number(usageItem("openai", TODAY.minusDays(1)), "inputTokens")).isEqualTo(8_000_000);
        assertThat(aws.partition("HOURLY#openai")).containsKeys("2026-11-19", "2026-11-20");
        assertThat(vendors.requests(VendorFixtures.OPENAI_COMPLETIONS_USAGE)).extracting(r -> r
                .queryParameter("bucket_width").firstValue() + " " + day(r.queryParameter("start_time").firstValue()))
                .as("nothing older than the refused slice").doesNotContain("1d 2026-10-09", "1d 2026-09-01")
                .contains("1d 2026-11-13", "1h 2026-11-13", "1d 2026-10-23", "1d 2026-10-16");
    }

    private static LocalDate day(String epochSecond) {
        return Instant.ofEpochSecond(Long.parseLong(epochSecond)).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** {@code projects} x {@code models} completions results in one day: 1,000 input and 100 output tokens each. */
    private static Tokens[] manyLines(int projects, int models) {
        List<Tokens> results = new java.util.ArrayList<>();
        for (int p = 0; p < projects; p++) {
            for (int m = 0; m < models; m++) {
                results.add(new Tokens("proj_" + p, "ft:gpt-4.1-mini:acme:model-" + m, 1_000, 0, 100, 1));
            }
        }
        return results.toArray(Tokens[]::new);
    }

    @Test
    void aDayOfTenThousandUsageLinesIsStoredInPartsAndAShorterRewriteLeavesNoStalePart() throws Exception {
        tenDollarsADay("6.00");
        LocalDate yesterday = TODAY.minusDays(1);
        vendors.openAiUsage("completions", "1d", new Buckets().day(yesterday, manyLines(100, 100)), 1);

        JsonNode report = check(event("scheduled.json"));

        JsonNode openAi = byField(report.get("vendors"), "vendor").get("openai");
        assertThat(openAi.get("status").asText()).as(openAi.toString()).isEqualTo("ok");
        assertThat(openAi.get("usageError").isNull()).as(openAi.toString()).isTrue();
        Map<String, AttributeValue> day = usageItem("openai", yesterday);
        assertThat(number(day, "inputTokens")).isEqualTo(10_000_000);
        assertThat(number(day, "outputTokens")).isEqualTo(1_000_000);
        assertThat(number(day, "requests")).isEqualTo(10_000);
        assertThat(number(day, "parts")).isEqualTo(20);
        List<Map<String, AttributeValue>> lines = aws.usageLines("openai", yesterday);
        assertThat(lines).hasSize(10_000);
        assertThat(lines).extracting(l -> l.get("project").s() + "/" + l.get("model").s()).doesNotHaveDuplicates()
                .contains("proj_0/ft:gpt-4.1-mini:acme:model-0", "proj_99/ft:gpt-4.1-mini:acme:model-99");
        assertThat(aws.sortKeys("USAGE#2026-11")).allMatch(sk -> sk.startsWith("openai#" + yesterday + "#"))
                .hasSize(20);

        // an hour on, the same 10,000 lines again: nothing is rewritten (the stored generation stands)
        clock.advance(java.time.Duration.ofHours(1));
        check(event("scheduled.json"));
        assertThat(usageItem("openai", yesterday).get("generation").s()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(aws.sortKeys("USAGE#2026-11")).hasSize(20);

        clock.advance(java.time.Duration.ofHours(1));
        vendors.reset();
        tenDollarsADay("6.00");
        vendors.openAiUsage("completions", "1d", new Buckets().day(yesterday, manyLines(30, 100)), 1);
        check(event("scheduled.json"));

        assertThat(number(usageItem("openai", yesterday), "inputTokens")).isEqualTo(3_000_000);
        assertThat(aws.usageLines("openai", yesterday)).hasSize(3_000);
        assertThat(aws.sortKeys("USAGE#2026-11")).as("the first generation's 20 parts are gone").hasSize(6);
    }

    @Test
    void usageThatCannotBeReadLeavesTheCostStoredAndTheStoredUsageIntact() throws Exception {
        tenDollarsADay("6.00");
        openAiDailyUsage();
        check(event("scheduled.json"));
        assertThat(number(usageItem("openai", TODAY.minusDays(1)), "inputTokens")).isEqualTo(8_000_000);

        // the next run: OpenAI revised the day's cost, and its embeddings usage lacks a required field
        vendors.reset();
        tenDollarsADay("7.25");
        vendors.answer(VendorFixtures.OPENAI_USAGE + "/embeddings", 200, "{\"object\": \"page\", \"data\": [{"
                + "\"object\": \"bucket\", \"start_time\": 1763510400, \"end_time\": 1763596800, \"results\": [{"
                + "\"object\": \"organization.usage.embeddings.result\", \"input_tokens\": 10, \"model\": \"m\"}]}], "
                + "\"has_more\": false, \"next_page\": null}");

        JsonNode report = check(event("scheduled.json"));

        JsonNode openAi = byField(report.get("vendors"), "vendor").get("openai");
        assertThat(openAi.get("status").asText()).isEqualTo("ok");
        assertThat(openAi.get("error").isNull()).isTrue();
        assertThat(openAi.get("usageError").asText()).isEqualTo("openai GET /v1/organization/usage/embeddings: "
                + "answer lacks the required field 'data[].results[].num_model_requests'");
        assertThat(costItem("openai", TODAY.minusDays(1)).get("totalUsd").n()).isEqualTo("7.25");
        Map<String, AttributeValue> day = usageItem("openai", TODAY.minusDays(1));
        assertThat(number(day, "inputTokens")).as("usage stored by the first run").isEqualTo(8_000_000);
        assertThat(day.get("fetchedAt").s()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(aws.usageLines("openai", TODAY.minusDays(1))).hasSize(4);
        assertThat(openAi.at("/usage/inputTokens").asLong()).isEqualTo(9_800_000);
        // the trailing four days were re-pulled at $7.25: $200 + 4 x $1.25
        assertThat(report.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("205.00");
    }

    @Test
    void aRunawayHourAlertsOnceAndItsEndIsAnnouncedOnce() throws Exception {
        tenDollarsADay("6.00");
        vendors.openAiUsage("completions", "1h", new Buckets().hours(WEEK_AGO, LAST_HOUR, NORMAL_HOUR)
                .add(LAST_HOUR, LOOPING_HOUR), 168);

        JsonNode report = check(event("scheduled.json"));

        JsonNode runaway = byField(report.get("vendors"), "vendor").get("openai").get("runaway");
        assertThat(runaway.get("since").asText()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(runaway.get("lastHourUsd").decimalValue()).isEqualByComparingTo("35.00");
        assertThat(runaway.get("baselineUsd").decimalValue()).isEqualByComparingTo("0.41");
        assertThat(byField(report.get("vendors"), "vendor").get("anthropic").get("runaway").isNull()).isTrue();
        assertThat(report.get("alerts")).extracting(a -> a.get("kind").asText() + " " + a.get("channel").asText())
                .containsExactly("runaway email", "runaway sns");
        List<JsonNode> sns = aws.snsMessages();
        assertThat(sns).hasSize(1);
        assertThat(sns.get(0).get("Subject").asText())
                .isEqualTo("[burnrate] Runaway: OpenAI spent about $35.00 in the last hour (normally $0.41)");
        assertThat(sns.get(0).at("/MessageAttributes/vendor/Value").asText()).isEqualTo("openai");
        assertThat(sns.get(0).at("/MessageAttributes/severity/Value").asText()).isEqualTo("critical");
        // the episode is state of its own, not an alert key: it outlives the hour and the month
        assertThat(aws.partition("ALERT#2026-11")).isEmpty();
        assertThat(aws.partition("RUNAWAY").get("openai").get("status").s()).isEqualTo("OPEN");
        assertThat(aws.partition("RUNAWAY").get("openai").get("startedAt").s()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(aws.sentEmails()).singleElement().satisfies(mail -> assertThat(mail.get("body").asText())
                .contains("Runaway spend at OpenAI").contains("Since").contains("2026-11-20 09:00 UTC")
                .contains("token counts at list price"));

        JsonNode again = check(event("scheduled.json"));
        assertThat(again.get("alerts")).isEmpty();
        assertThat(aws.snsMessages()).isEmpty();

        // the next hours are ordinary: after three of them the runaway is over, once
        List<String> kinds = new java.util.ArrayList<>();
        for (int hour = 1; hour <= 4; hour++) {
            clock.advance(java.time.Duration.ofHours(1));
            normalHoursUntil(NOW.plus(java.time.Duration.ofHours(hour)));
            JsonNode later = check(event("scheduled.json"));
            int h = hour;
            later.get("alerts").forEach(a -> kinds.add(h + ":" + a.get("kind").asText() + ":" + a.get("channel").asText()));
        }
        assertThat(kinds).containsExactly("3:runaway_over:email", "3:runaway_over:sns");
        assertThat(aws.snsMessages()).singleElement().satisfies(m -> assertThat(m.get("Subject").asText())
                .isEqualTo("[burnrate] Runaway over: OpenAI spend is back to normal"));
        assertThat(aws.partition("RUNAWAY").get("openai").get("status").s()).isEqualTo("OVER");
    }

    /** OpenAI's hourly completions up to {@code until}: ordinary hours, the runaway hour restated as one too. */
    private void normalHoursUntil(Instant until) {
        vendors.reset();
        tenDollarsADay("6.00");
        vendors.openAiUsage("completions", "1h", new Buckets().hours(WEEK_AGO, until, NORMAL_HOUR), 168);
    }

    @Test
    void aRunawayIsNotCalledOverWhileTheVendorsHoursCannotBeRead() throws Exception {
        tenDollarsADay("6.00");
        vendors.openAiUsage("completions", "1h", new Buckets().hours(WEEK_AGO, LAST_HOUR, NORMAL_HOUR)
                .add(LAST_HOUR, LOOPING_HOUR), 168);
        check(event("scheduled.json"));
        assertThat(aws.snsMessages()).hasSize(1);

        // for four hours the usage API fails: nothing says whether the runaway goes on, so nothing is sent
        vendors.answer(VendorFixtures.OPENAI_COMPLETIONS_USAGE, 503,
                "{\"error\": {\"message\": \"overloaded\", \"type\": \"server_error\", \"param\": null, \"code\": null}}");
        for (int hour = 1; hour <= 4; hour++) {
            clock.advance(java.time.Duration.ofHours(1));
            JsonNode report = check(event("scheduled.json"));
            assertThat(byField(report.get("vendors"), "vendor").get("openai").get("usageError").asText())
                    .startsWith("openai GET /v1/organization/usage/completions: answered HTTP 503")
                    .contains("after 3 attempts");
            assertThat(report.get("alerts")).isEmpty();
            assertThat(byField(report.get("vendors"), "vendor").get("openai").at("/runaway/since").asText())
                    .isEqualTo("2026-11-20T09:00:00Z");
        }
        assertThat(aws.snsMessages()).isEmpty();
        assertThat(aws.partition("RUNAWAY").get("openai").get("status").s()).isEqualTo("OPEN");

        // read again: the hours it missed were ordinary, so the episode is over, once
        normalHoursUntil(NOW.plus(java.time.Duration.ofHours(4)));
        JsonNode back = check(event("scheduled.json"));
        assertThat(back.get("alerts")).extracting(a -> a.get("kind").asText()).containsOnly("runaway_over");
        assertThat(aws.snsMessages()).hasSize(1);
    }

    @Test
    void usageUnreadForLongerThanStaleAfterSaysTheRunawayAlarmIsOffAndSaysWhenItIsBackOn() throws Exception {
        tenDollarsADay("6.00");
        check(event("scheduled.json"));
        Map<String, AttributeValue> vendorKey = Map.of("pk", AttributeValue.fromS("VENDOR"),
                "sk", AttributeValue.fromS("openai"));
        String forbidden = "{\"error\": {\"message\": \"This key lacks the api.usage.read scope\", "
                + "\"type\": \"invalid_request_error\", \"param\": null, \"code\": null}}";
        vendors.answer(VendorFixtures.OPENAI_COMPLETIONS_USAGE, 403, forbidden);

        // the first miss: reported, but usage may be back within the stale-after time (12 h)
        JsonNode first = check(event("scheduled.json"));
        assertThat(byField(first.get("vendors"), "vendor").get("openai").get("usageError").asText())
                .contains("HTTP 403").contains("api.usage.read");
        assertThat(first.get("alerts")).isEmpty();
        assertThat(aws.dynamo().getItem(g -> g.tableName(LocalAws.TABLE).key(vendorKey)).item()
                .get("usageUnreadSince").s()).isEqualTo("2026-11-20T10:00:00Z");

        // unread since 14 hours ago: one alert, then nothing more while it lasts
        aws.dynamo().updateItem(u -> u.tableName(LocalAws.TABLE).key(vendorKey)
                .updateExpression("SET usageUnreadSince = :at")
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS("2026-11-19T20:00:00Z"))));
        JsonNode late = check(event("scheduled.json"));
        assertThat(late.get("alerts")).extracting(a -> a.get("kind").asText()).containsOnly("usage_unread");
        assertThat(aws.snsMessages()).singleElement().satisfies(m -> assertThat(m.get("Subject").asText())
                .isEqualTo("[burnrate] OpenAI usage unread since Nov 19 20:00 UTC: runaway alarm is off"));
        assertThat(aws.sentEmails()).singleElement().satisfies(m -> assertThat(m.get("body").asText())
                .contains("a runaway at OpenAI would not be caught within the hour"));
        assertThat(check(event("scheduled.json")).get("alerts")).isEmpty();

        // usage answers again
        vendors.reset();
        tenDollarsADay("6.00");
        JsonNode back = check(event("scheduled.json"));
        assertThat(back.get("alerts")).extracting(a -> a.get("kind").asText()).containsOnly("recovered");
        assertThat(aws.snsMessages()).singleElement().satisfies(m -> assertThat(m.get("Subject").asText())
                .isEqualTo("[burnrate] OpenAI usage is read again: runaway alarm is back on"));
        assertThat(aws.dynamo().getItem(g -> g.tableName(LocalAws.TABLE).key(vendorKey)).item())
                .doesNotContainKey("usageUnreadSince").containsKey("lastSuccessAt");
    }
}
