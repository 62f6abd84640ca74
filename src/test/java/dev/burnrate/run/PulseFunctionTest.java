package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The pulse end to end: {@code events/pulse.json} invokes the function, which reads OpenAI's one-minute usage
 * buckets (WireMock, in the Usage API's shape) and Bedrock's per-minute CloudWatch metrics (moto, put by the test),
 * and a loop at 100 times the usual rate is announced once, by the first pulse after it began.
 * <p>
 * Figures: gpt-4o-mini is listed at $0.15 per million input tokens and $0.60 per million output tokens, so 1,000,000
 * input and 500,000 output tokens an hour are $0.45 an hour, $0.0375 a five-minute slot.
 */
@QuarkusTest
@TestProfile(PulseFunctionTest.Pulse.class)
@QuarkusTestResource(LocalWorldResource.class)
class PulseFunctionTest extends FunctionTestSupport {

    public static class Pulse implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.pulse.enabled", "true", "burnrate.bedrock.enabled", "true");
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-20T10:32:00Z");
    private static final Instant HOUR = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant LOOP = Instant.parse("2026-11-20T10:26:00Z");
    private static final Instant HISTORY = Instant.parse("2026-10-23T00:00:00Z");
    private static final String MODEL = "gpt-4o-mini";

    /** Four weeks of hours at $0.45, and minutes at the same rate from 09:00, 100 times it from {@code loop}. */
    private void openAiAtUsualRateWithALoopFrom(Instant loop) {
        vendors.openAiUsage("completions", "1h", new VendorFixtures.Buckets().hours(HISTORY, HOUR.minusSeconds(3600),
                new Tokens("proj_web", MODEL, 1_000_000, 0, 500_000, 100)), 168);
        VendorFixtures.Buckets minutes = new VendorFixtures.Buckets()
                .minutes(HOUR.minusSeconds(3600), loop, new Tokens("proj_web", MODEL, 16_667, 0, 8_333, 2));
        minutes.minutes(loop, NOW.plus(Duration.ofHours(1)), new Tokens("proj_leak", "gpt-4.1", 1_666_700, 0,
                833_300, 200));
        vendors.openAiUsage("completions", "1m", minutes, 1440);
    }

    @Test
    void aLoopAtAHundredTimesTheUsualRateIsAnnouncedOnceByTheFirstPulseAfterItBegan() throws Exception {
        clock.set(NOW);
        openAiAtUsualRateWithALoopFrom(LOOP);

        JsonNode report = check(event("pulse.json"));

        assertThat(report.get("trigger").asText()).isEqualTo("pulse");
        JsonNode openai = byField(report.get("vendors"), "vendor").get("openai");
        assertThat(openai.get("status").asText()).as(openai.toString()).isEqualTo("ok");
        // 09:00-10:00 at the usual rate: 60 minutes of 16,667 + 8,333 tokens, $0.45
        assertThat(openai.get("lastHourUsd").decimalValue()).isEqualByComparingTo("0.45");
        assertThat(openai.get("notes").toString()).contains("28 days of hourly history");
        assertThat(openai.at("/runaway/since").asText()).isEqualTo("2026-11-20T10:00:00Z");
        List<JsonNode> sns = aws.snsMessages();
        assertThat(sns).hasSize(1);
        JsonNode message = sns.get(0);
        assertThat(message.at("/MessageAttributes/kind/Value").asText()).isEqualTo("runaway");
        String text = message.get("Message").asText();
        // 10:25-10:30: one usual minute (16,667 in, 8,333 out) and four of the loop (1,666,700 in, 833,300 out)
        assertThat(text).contains("About 1,336,693 input and 668,306 output tokens a minute since 2026-11-20T10:25:00Z");
        assertThat(text).contains("OpenAI").contains("gpt-4.1").contains("proj_leak")
                .contains("Never used in the past weeks: gpt-4.1")
                .contains("https://platform.openai.com/settings/organization/limits");
        // the pulse stored its points: the previous hour's total (60 x (16,667 x 0.15 + 8,333 x 0.60) / 1e6) and
        // this hour's five-minute slots
        assertThat(new BigDecimal(aws.partition("PULSE#openai").get("2026-11-20").get("h09").n()))
                .isEqualByComparingTo("0.449991");
        assertThat(aws.partition("PULSEMIN#openai").get("2026-11-20T10").get("slots").l()).hasSize(12);

        // five minutes on the loop runs on: the same episode, nothing more is sent
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        JsonNode again = check(event("pulse.json"));
        assertThat(byField(again.get("vendors"), "vendor").get("openai").at("/runaway/since").asText())
                .isEqualTo("2026-11-20T10:00:00Z");
        assertThat(again.get("alerts")).isEmpty();
        assertThat(aws.snsMessages()).isEmpty();
    }

    @jakarta.inject.Inject
    CheckService service;

    /** The pulse's stored hours of {@code vendor} at {@code usd} each, every hour of the days. */
    private void pulseHours(String vendor, java.time.LocalDate from, java.time.LocalDate toInclusive, String usd) {
        for (java.time.LocalDate day = from; !day.isAfter(toInclusive); day = day.plusDays(1)) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new java.util.HashMap<>();
            item.put("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PULSE#" + vendor));
            item.put("sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(day.toString()));
            for (int h = 0; h < 24; h++) {
                item.put(String.format("h%02d", h), software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromN(usd));
            }
            aws.dynamo().putItem(r -> r.tableName(dev.burnrate.testing.LocalAws.TABLE).item(item));
        }
    }

    @Test
    void aBilledRateIsMeasuredWeeklyAndAMoveOfMoreThanAQuarterIsSaidInTheChecksNotes() throws Exception {
        // week 1: $10.80 a day at list price, billed $8.64 (0.8); week 2: billed $12.96 (1.2)
        pulseHours("openai", java.time.LocalDate.of(2026, 11, 13), java.time.LocalDate.of(2026, 11, 26), "0.45");
        vendors.openAi(new VendorFixtures.Days()
                .every(java.time.LocalDate.of(2026, 11, 13), java.time.LocalDate.of(2026, 11, 19),
                        new VendorFixtures.Charge("proj_web", "gpt-4o-mini, input", "8.64"))
                .every(java.time.LocalDate.of(2026, 11, 20), java.time.LocalDate.of(2026, 11, 26),
                        new VendorFixtures.Charge("proj_web", "gpt-4o-mini, input", "12.96")), 31);
        clock.set(Instant.parse("2026-11-20T10:05:00Z"));
        JsonNode first = check(event("scheduled.json"));
        assertThat(byField(first.get("vendors"), "vendor").get("openai").get("notes").toString())
                .doesNotContain("billed rate");
        // a day on, the week measured is not over: the rate stays
        clock.set(Instant.parse("2026-11-21T10:05:00Z"));
        check(event("scheduled.json"));
        assertThat(new BigDecimal(aws.partition("PULSE#openai").get("~state").get("priceFactor").n()))
                .isEqualByComparingTo("0.8");

        clock.set(Instant.parse("2026-11-27T10:05:00Z"));
        JsonNode second = check(event("scheduled.json"));
        assertThat(byField(second.get("vendors"), "vendor").get("openai").get("notes").toString())
                .contains("its billed rate moved from 0.80 to 1.20 × list price week to week (billed 2026-11-20 to "
                        + "2026-11-26)");
        // it stays in the checks' notes for a day, so that day's digest says it, then no more
        clock.set(Instant.parse("2026-11-28T09:05:00Z"));
        assertThat(byField(check(event("scheduled.json")).get("vendors"), "vendor").get("openai").get("notes")
                .toString()).contains("its billed rate moved from 0.80 to 1.20");
        clock.set(Instant.parse("2026-11-28T10:06:00Z"));
        assertThat(byField(check(event("scheduled.json")).get("vendors"), "vendor").get("openai").get("notes")
                .toString()).doesNotContain("billed rate");
        var state = aws.partition("PULSE#openai").get("~state");
        assertThat(new BigDecimal(state.get("priceFactor").n())).isEqualByComparingTo("1.2");
        assertThat(new BigDecimal(state.get("priceFactorBefore").n())).isEqualByComparingTo("0.8");
        assertThat(state.get("priceFrom").s()).isEqualTo("2026-11-20");
    }

    @Test
    void theAlertsDollarsAreAtTheRateTheVendorBilledOnceAnHourlyCheckHasMeasuredIt() throws Exception {
        // the first pulse stores four weeks of hours at $0.45 (list price); OpenAI billed $8.64 a day for them, which
        // is 0.8 of the 24 x $0.45 = $10.80 they cost at list price
        clock.set(Instant.parse("2026-11-20T10:02:00Z"));
        openAiAtUsualRateWithALoopFrom(NOW.plus(Duration.ofDays(1)));
        check(event("pulse.json"));
        vendors.openAi(new VendorFixtures.Days().every(java.time.LocalDate.of(2026, 11, 13),
                java.time.LocalDate.of(2026, 11, 19), new VendorFixtures.Charge("proj_web", "gpt-4o-mini, input",
                        "8.64")), 31);
        clock.set(Instant.parse("2026-11-20T10:05:00Z"));
        check(event("scheduled.json"));
        var state = aws.partition("PULSE#openai").get("~state");
        assertThat(new BigDecimal(state.get("priceFactor").n())).isEqualByComparingTo("0.8");
        assertThat(state.get("priceFrom").s()).isEqualTo("2026-11-13");
        assertThat(state.get("priceTo").s()).isEqualTo("2026-11-19");

        vendors.reset();
        aws.snsMessages();
        openAiAtUsualRateWithALoopFrom(LOOP);
        clock.set(NOW);
        check(event("pulse.json"));
        String text = aws.snsMessages().get(0).get("Message").asText();
        assertThat(text).contains("billed rate: 0.80 × list price (billed 2026-11-13 to 2026-11-19");
        // 0.8 of the list-price rate the first test sees ($480.08 an hour), and of its usual $0.45
        assertThat(text).contains("about $384.06 an hour").contains("(normally $0.36)");
    }

    @Test
    void twoPulsesAtOnceAnnounceTheLoopOnce() throws Exception {
        clock.set(NOW);
        openAiAtUsualRateWithALoopFrom(LOOP);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        CheckEvent pulse = CheckEvent.parse(JSON.readTree(event("pulse.json")));

        List<java.util.concurrent.CompletableFuture<PulseReport>> runs = List.of("req-a", "req-b").stream()
                .map(id -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return service.pulse(pulse, id);
                })).toList();
        List<PulseReport> reports = runs.stream().map(java.util.concurrent.CompletableFuture::join).toList();

        // both see the runaway; one of them wins the episode's write and sends it, to SNS and e-mail
        assertThat(reports).allSatisfy(r -> assertThat(r.vendors().stream()
                .filter(v -> v.vendor().equals("openai")).findFirst().orElseThrow().runaway()).isNotNull());
        assertThat(reports.stream().mapToInt(r -> r.alerts().size()).sum()).isEqualTo(2);
        assertThat(aws.snsMessages()).hasSize(1);
        assertThat(aws.sentEmails()).hasSize(1);
    }

    @Test
    void usualTrafficRaisesNothingAndTheHistoryIsReadOnlyOnce() throws Exception {
        clock.set(NOW);
        openAiAtUsualRateWithALoopFrom(NOW.plus(Duration.ofDays(1)));

        JsonNode report = check(event("pulse.json"));
        JsonNode openai = byField(report.get("vendors"), "vendor").get("openai");
        assertThat(openai.get("runaway").isNull()).isTrue();
        // 10:15-10:30: 15 minutes at $0.0075
        assertThat(openai.get("last15MinUsd").decimalValue()).isEqualByComparingTo("0.11");
        assertThat(aws.snsMessages()).isEmpty();

        clock.set(NOW.plus(Duration.ofMinutes(5)));
        vendors.forgetRequests();
        JsonNode again = check(event("pulse.json"));
        assertThat(byField(again.get("vendors"), "vendor").get("openai").get("notes")).isEmpty();
        assertThat(vendors.requests(VendorFixtures.OPENAI_COMPLETIONS_USAGE)).extracting(r -> r.queryParameter(
                "bucket_width").firstValue()).containsOnly("1m");
    }

    @Test
    void bedrockMinutesFromCloudWatchCatchALoopOnAModelPricedAsItsInferenceProfile() throws Exception {
        clock.set(NOW);
        String model = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
        // history: one datum an hour (CloudWatch sums them per hour), 100,000 in and 20,000 out: $0.16 an hour
        for (Instant h = HISTORY; h.isBefore(HOUR.minusSeconds(3600)); h = h.plusSeconds(3600)) {
            aws.putBedrockMinutes(model, h, h.plusSeconds(60), 100_000, 20_000, 10);
        }
        aws.putBedrockMinutes(model, HOUR.minusSeconds(3600), LOOP, 1_667, 333, 1);
        aws.putBedrockMinutes(model, LOOP, NOW, 166_700, 33_300, 100);

        JsonNode report = check(event("pulse.json"));

        JsonNode bedrock = byField(report.get("vendors"), "vendor").get("bedrock");
        assertThat(bedrock.get("status").asText()).as(bedrock.toString()).isEqualTo("ok");
        assertThat(bedrock.at("/runaway/since").asText()).isEqualTo("2026-11-20T10:00:00Z");
        List<JsonNode> sns = aws.snsMessages();
        assertThat(sns).extracting(m -> m.at("/MessageAttributes/kind/Value").asText()).containsExactly("runaway");
        assertThat(sns.get(0).get("Message").asText()).contains("AWS Bedrock").contains(model);
    }

    @Test
    void aFastSourceThatFailsIsReportedOnceAfterHalfAnHourAndOnceWhenItIsReadAgain() throws Exception {
        clock.set(NOW);
        vendors.answer(VendorFixtures.OPENAI_USAGE + "/completions", 500, "{\"error\": {\"message\": \"down\"}}");

        JsonNode first = check(event("pulse.json"));
        JsonNode openai = byField(first.get("vendors"), "vendor").get("openai");
        assertThat(openai.get("status").asText()).isEqualTo("failed");
        assertThat(openai.get("error").asText()).contains("/v1/organization/usage/completions").contains("500");
        assertThat(openai.get("unreadSince").asText()).isEqualTo(NOW.toString());
        assertThat(aws.snsMessages()).isEmpty();

        clock.set(NOW.plus(Duration.ofMinutes(31)));
        check(event("pulse.json"));
        List<JsonNode> unread = aws.snsMessages();
        assertThat(unread).extracting(m -> m.at("/MessageAttributes/kind/Value").asText())
                .containsExactly("pulse_unread");
        assertThat(unread.get(0).get("Message").asText()).contains("minute-grain usage").contains("OpenAI");

        clock.set(NOW.plus(Duration.ofMinutes(36)));
        check(event("pulse.json"));
        assertThat(aws.snsMessages()).isEmpty();

        // the hourly check leaves the pulse's spell alone
        clock.set(NOW.plus(Duration.ofMinutes(40)));
        vendors.openAi(new VendorFixtures.Days(), 31);
        check(event("scheduled.json"));
        assertThat(aws.snsMessages()).extracting(m -> m.at("/MessageAttributes/kind/Value").asText())
                .doesNotContain("recovered");

        vendors.reset();
        openAiAtUsualRateWithALoopFrom(NOW.plus(Duration.ofDays(1)));
        clock.set(NOW.plus(Duration.ofMinutes(41)));
        JsonNode back = check(event("pulse.json"));
        assertThat(byField(back.get("vendors"), "vendor").get("openai").get("status").asText()).isEqualTo("ok");
        assertThat(aws.snsMessages()).extracting(m -> m.at("/MessageAttributes/kind/Value").asText())
                .containsExactly("recovered");
    }
}
