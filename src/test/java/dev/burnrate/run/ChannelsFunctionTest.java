package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.GreenMailResource;
import dev.burnrate.testing.LocalAws;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every channel over its real protocol (SNS read back through SQS, SES through moto, SMTP into GreenMail, Slack
 * and a webhook into WireMock), and the alert lifecycle through the function: recovery, stale data, the digest.
 * The clock is fixed at 2026-11-20T10:00:00Z; the digest hour is 10.
 */
@QuarkusTest
@TestProfile(ChannelsFunctionTest.Channels.class)
@QuarkusTestResource(LocalWorldResource.class)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
class ChannelsFunctionTest extends FunctionTestSupport {

    public static class Channels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.notify.digest-hour-utc", "10", "burnrate.thresholds.actual", "100",
                    "burnrate.notify.pagerduty.url", "http://127.0.0.1:${test.wiremock.port}/v2/enqueue");
        }
    }

    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final String XSS = "<img src=x onerror=alert(1)>";
    /** An Events API v2 integration key has 32 characters; this one is made up. */
    private static final String PAGERDUTY_KEY = "R0ut1ngKeyForTests00000000000032";

    @GreenMailResource.InjectGreenMail
    GreenMail greenMail;

    @ConfigProperty(name = "test.wiremock.port")
    int port;

    @BeforeEach
    void channelsInTheSecret() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        Map<String, String> secret = new HashMap<>();
        secret.put("openai", LocalAws.OPENAI_KEY);
        secret.put("anthropic", LocalAws.ANTHROPIC_KEY);
        secret.put("slackWebhookUrl", "http://127.0.0.1:" + port + "/services/T000/B000/slack");
        secret.put("webhookUrl", "http://127.0.0.1:" + port + "/hooks/burnrate");
        secret.put("webhookAuthorization", "Bearer test-token");
        secret.put("pagerDutyRoutingKey", PAGERDUTY_KEY);
        secret.put("teamsWebhookUrl", "http://127.0.0.1:" + port + "/workflows/teams/invoke?sig=test-signature");
        aws.putSecrets(secret);
        vendors.webhook("/services/T000/B000/slack", 200, "ok");
        vendors.webhook("/hooks/burnrate", 204, "");
        vendors.webhook("/v2/enqueue", 202, "{\"status\": \"success\", \"message\": \"Event processed\", "
                + "\"dedup_key\": \"burnrate/2026-11/total/forecast_exceeds_budget\"}");
        vendors.webhook("/workflows/teams/invoke", 202, "");
    }

    /**
     * $40 a day and, in the last week, 50 cents more from a project with a hostile name: $803.50 by Nov 20,
     * forecast $1,209 of the $1,000 budget: the last seven days stand apart from the seven before with no scatter
     * (a step), so the rate is $40.50: 763.50 + 40.50 today + 10 x 40.50; it passes $1,000 on the 25th (1,006.50).
     * {@code credit} is added on Nov 19.
     */
    private void overBudget(String credit) {
        Days openAi = new Days().every(FROM, TODAY, new Charge("proj_chat", "gpt-5-2025-08-07, input", "20.00"));
        openAi.every(TODAY.minusDays(7), TODAY.minusDays(1), new Charge(XSS, "gpt-5-2025-08-07, output", "0.50"));
        openAi.add(TODAY.minusDays(1), new Charge("proj_chat", "Credit", credit));
        vendors.openAi(openAi, 31);
        vendors.anthropic(new Days().every(FROM, TODAY,
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Input Tokens", "2000")), 31);
    }

    private void underBudget() {
        vendors.openAi(new Days().every(FROM, TODAY, new Charge("proj_chat", "gpt-5-mini, input", "5.00")), 31);
        vendors.anthropic(new Days().every(FROM, TODAY, new Charge(null, "Claude Haiku 4.5 Usage", "500")), 31);
    }

    private List<JsonNode> snsOf(String kind) throws Exception {
        return aws.snsMessages().stream().filter(m -> m.at("/MessageAttributes/kind/Value").asText().equals(kind))
                .toList();
    }

    @Test
    void everyChannelDeliversAndAFailingOneDoesNotStopTheOthers() throws Exception {
        overBudget("0");
        vendors.webhook("/hooks/burnrate", 500, "{\"error\": \"down for maintenance\"}");

        JsonNode report = check(event("scheduled.json"));

        Map<String, JsonNode> forecastAlerts = byField(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().addAll(
                        java.util.stream.StreamSupport.stream(report.get("alerts").spliterator(), false)
                                .filter(a -> a.get("kind").asText().equals("forecast_exceeds_budget")).toList()),
                "channel");
        assertThat(forecastAlerts).containsOnlyKeys("email", "pagerduty", "slack", "smtp", "sns", "teams", "webhook");
        assertThat(forecastAlerts.get("pagerduty").get("messageId").asText())
                .isEqualTo("pagerduty:burnrate/2026-11/total/forecast_exceeds_budget");
        assertThat(forecastAlerts.get("webhook").get("error").asText())
                .isEqualTo("Webhook answered HTTP 500: {\"error\": \"down for maintenance\"}")
                .doesNotContain("/hooks/burnrate");
        assertThat(forecastAlerts.get("smtp").get("error").isNull()).isTrue();
        assertThat(aws.partition("ALERT#2026-11").get("total#FORECAST#100").get("status").s())
                .isEqualTo("SENT");

        MimeMessage mail = java.util.Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> subject(m).contains("forecast")).findFirst().orElseThrow();
        assertThat(subject(mail)).isEqualTo("[burnrate] AI spend forecast $1,209 of $1,000 budget - crosses on Nov 25");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("finops@example.com");
        String parts = mimeText(mail);
        assertThat(parts).contains("Month to date: $803.50").contains("<html").contains("$1,209.00");

        JsonNode slack = JSON.readTree(vendors.posts("/services/T000/B000/slack").stream()
                .filter(r -> r.getBodyAsString().contains("forecast_exceeds_budget")).findFirst().orElseThrow()
                .getBodyAsString());
        assertThat(slack.get("text").asText()).isEqualTo(subject(mail));
        assertThat(slack.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(slack.at("/blocks/0/text/text").asText()).isEqualTo("AI spend forecast $1,209.00 of a $1,000.00 budget");
        assertThat(slack.at("/blocks/2/fields/0/text").asText()).isEqualTo("*Month to date*\n$803.50");

        // PagerDuty: one incident per alert, keyed by the alert; the digest of the same run is news, not paged
        List<JsonNode> pages = pagerDutyEvents();
        assertThat(pages).hasSize(1);
        JsonNode page = pages.get(0);
        assertThat(page.get("routing_key").asText()).isEqualTo(PAGERDUTY_KEY);
        assertThat(page.get("event_action").asText()).isEqualTo("trigger");
        assertThat(page.get("dedup_key").asText()).isEqualTo("burnrate/2026-11/total/forecast_exceeds_budget");
        assertThat(page.at("/payload/summary").asText())
                .isEqualTo("AI spend forecast $1,209 of $1,000 budget - crosses on Nov 25");
        assertThat(page.at("/payload/severity").asText()).isEqualTo("warning");
        assertThat(page.at("/payload/source").asText()).isEqualTo("burnrate");
        assertThat(page.at("/payload/group").asText()).isEqualTo("total");
        assertThat(page.at("/payload/class").asText()).isEqualTo("forecast_exceeds_budget");
        assertThat(page.at("/payload/custom_details/Month to date").asText()).isEqualTo("$803.50");

        // Teams: a Workflows message with one Adaptive Card
        JsonNode teams = JSON.readTree(vendors.posts("/workflows/teams/invoke").stream()
                .filter(r -> r.getBodyAsString().contains("AI spend forecast")).findFirst().orElseThrow()
                .getBodyAsString());
        assertThat(teams.get("type").asText()).isEqualTo("message");
        assertThat(teams.at("/attachments/0/contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = teams.at("/attachments/0/content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.at("/body/0/text").asText()).isEqualTo("AI spend forecast $1,209.00 of a $1,000.00 budget");
        assertThat(card.at("/body/0/color").asText()).isEqualTo("Warning");
        assertThat(card.at("/body/2/type").asText()).isEqualTo("FactSet");
        assertThat(card.at("/body/2/facts/0/title").asText()).isEqualTo("Month to date");
        assertThat(card.at("/body/2/facts/0/value").asText()).isEqualTo("$803.50");

        var hook = vendors.posts("/hooks/burnrate").get(0);
        assertThat(hook.getHeader("Authorization")).isEqualTo("Bearer test-token");
        assertThat(JSON.readTree(hook.getBodyAsString()).get("kind").asText()).isIn("forecast_exceeds_budget",
                "daily_digest");
    }

    /**
     * The channels of one message are sent at once: Slack, the webhook, Teams and PagerDuty each hold their first
     * request until all four are in flight (sent one after another, the first would be answered HTTP 400 after two
     * seconds and reported as failed). Each is still recorded once, and the next run sends nothing again.
     */
    @Test
    void theChannelsOfAMessageAreSentAtOnceAndEachIsRecordedOnce() throws Exception {
        overBudget("0");
        dev.burnrate.testing.Rendezvous.arm(4, "/services/", "/hooks/", "/workflows/", "/v2/enqueue");

        JsonNode report = check(event("scheduled.json"));

        List<JsonNode> forecast = java.util.stream.StreamSupport.stream(report.get("alerts").spliterator(), false)
                .filter(a -> a.get("kind").asText().equals("forecast_exceeds_budget")).toList();
        assertThat(forecast).extracting(a -> a.get("channel").asText())
                .as("in channel order, whatever order they finished in")
                .containsExactly("email", "pagerduty", "slack", "smtp", "sns", "teams", "webhook");
        assertThat(forecast).allSatisfy(a -> assertThat(a.get("error").isNull()).as(a.toString()).isTrue());
        dev.burnrate.testing.Rendezvous.disarm();
        int slackPosts = vendors.posts("/services/T000/B000/slack").size();

        JsonNode again = check(event("scheduled.json"));

        assertThat(again.get("alerts")).isEmpty();
        assertThat(vendors.posts("/services/T000/B000/slack")).hasSize(slackPosts);
        assertThat(aws.partition("OUTBOX")).isEmpty();
    }

    @Test
    void vendorLabelsArriveAsTextInEveryChannel() throws Exception {
        overBudget("0");

        check(event("scheduled.json"));

        String html = aws.sentEmails().stream().map(e -> e.get("body").asText())
                .filter(b -> b.contains("forecast_exceeds_budget")).findFirst().orElseThrow();
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
        assertThat(html).doesNotContain("<script").doesNotContain("<svg");
        String slack = vendors.posts("/services/T000/B000/slack").stream().map(r -> r.getBodyAsString())
                .filter(b -> b.contains("forecast_exceeds_budget")).findFirst().orElseThrow();
        assertThat(slack).doesNotContain("<img src=x");
    }

    @Test
    void aForecastThatFallsBackSendsOneRecoveredMessage() throws Exception {
        overBudget("0");
        check(event("scheduled.json"));
        assertThat(snsOf("forecast_exceeds_budget")).hasSize(1);

        overBudget("-350.00"); // a credit on Nov 19: spend drops to $453.50 and the forecast to about $900
        check(event("scheduled.json"));
        // so sharp a drop of a stored day counts once a read six hours later confirms it
        assertThat(snsOf("recovered")).isEmpty();
        clock.advance(java.time.Duration.ofHours(6));
        check(event("scheduled.json"));
        check(event("scheduled.json"));

        List<JsonNode> recovered = snsOf("recovered");
        assertThat(recovered).hasSize(1);
        assertThat(recovered.get(0).get("Subject").asText())
                .startsWith("[burnrate] Back on track: AI spend forecast $").endsWith(" is under the $1,000 budget again");
        assertThat(aws.partition("ALERT#2026-11").get("total#FORECAST#100").get("status").s())
                .isEqualTo("RECOVERED");
        // the recovery resolves the PagerDuty incident the crossing opened, by the same key
        assertThat(pagerDutyEvents()).extracting(e -> e.get("event_action").asText() + " " + e.get("dedup_key").asText())
                .containsExactly("trigger burnrate/2026-11/total/forecast_exceeds_budget",
                        "resolve burnrate/2026-11/total/forecast_exceeds_budget");
        assertThat(pagerDutyEvents().get(1).has("payload")).isFalse();
    }

    @Test
    void aPagerDutyRefusalIsReportedWithoutItsKeyAndRetriedOnlyThere() throws Exception {
        overBudget("0");
        vendors.webhook("/v2/enqueue", 400, "{\"status\": \"invalid event\", \"message\": \"Event object is invalid\", "
                + "\"errors\": [\"'routing_key' " + PAGERDUTY_KEY + " is unknown\"]}");

        JsonNode report = check(event("scheduled.json"));

        JsonNode failed = java.util.stream.StreamSupport.stream(report.get("alerts").spliterator(), false)
                .filter(a -> a.get("channel").asText().equals("pagerduty")).findFirst().orElseThrow();
        assertThat(failed.get("error").asText()).startsWith("PagerDuty Events API answered HTTP 400: "
                + "{\"status\": \"invalid event\", \"message\": \"Event object is invalid\"")
                .doesNotContain(PAGERDUTY_KEY);
        int teamsPosts = vendors.posts("/workflows/teams/invoke").size();

        vendors.webhook("/v2/enqueue", 202, "{\"status\": \"success\", \"dedup_key\": \"x\"}");
        JsonNode retry = check(event("scheduled.json"));

        assertThat(retry.get("alerts")).extracting(a -> a.get("channel").asText() + " " + a.get("kind").asText())
                .containsExactly("pagerduty forecast_exceeds_budget");
        assertThat(vendors.posts("/workflows/teams/invoke")).hasSize(teamsPosts);
    }

    private List<JsonNode> pagerDutyEvents() {
        return vendors.posts("/v2/enqueue").stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void aVendorNotRefreshedForTooLongRaisesOneStaleAlertAndOneFreshAgain() throws Exception {
        underBudget();
        check(event("scheduled.json"));
        aws.setLastSuccess("openai", Instant.parse("2026-11-19T20:00:00Z"));
        vendors.answer(VendorFixtures.OPENAI_COSTS, 503, "{\"error\": {\"message\": \"Service unavailable\"}}");

        JsonNode stale = check(event("scheduled.json"));
        check(event("scheduled.json"));

        assertThat(byField(stale.get("vendors"), "vendor").get("openai").get("stale").asBoolean()).isTrue();
        List<JsonNode> staleAlerts = snsOf("stale_data");
        assertThat(staleAlerts).hasSize(1);
        assertThat(staleAlerts.get(0).get("Subject").asText())
                .isEqualTo("[burnrate] OpenAI figures are stale: last refreshed Nov 19 20:00 UTC");
        assertThat(staleAlerts.get(0).at("/MessageAttributes/severity/Value").asText()).isEqualTo("warning");

        vendors.reset();
        underBudget();
        channelsInTheSecret();
        JsonNode fresh = check(event("scheduled.json"));

        assertThat(byField(fresh.get("vendors"), "vendor").get("openai").get("stale").asBoolean()).isFalse();
        assertThat(snsOf("recovered")).extracting(m -> m.get("Subject").asText())
                .containsExactly("[burnrate] OpenAI figures are fresh again");
    }

    @Test
    void theDigestGoesOutOnceADayAtItsHour() throws Exception {
        underBudget();

        check(event("scheduled.json"));
        check(event("scheduled.json"));

        List<JsonNode> digests = snsOf("daily_digest");
        assertThat(digests).hasSize(1);
        assertThat(digests.get(0).get("Subject").asText())
                .isEqualTo("[burnrate] Daily digest: AI spend $200 of $1,000 so far, forecast $300");
        assertThat(aws.partition("ALERT#2026-11")).containsKey("total#DIGEST#20");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mimeText(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof MimeMultipart multipart) {
            StringBuilder text = new StringBuilder();
            collect(multipart, text);
            return text.toString();
        }
        return content.toString();
    }

    private static void collect(MimeMultipart multipart, StringBuilder text) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Object part = multipart.getBodyPart(i).getContent();
            if (part instanceof MimeMultipart nested) {
                collect(nested, text);
            } else {
                text.append(part).append('\n');
            }
        }
    }
}
