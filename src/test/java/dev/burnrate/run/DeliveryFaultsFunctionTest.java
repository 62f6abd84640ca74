package dev.burnrate.run;

import static dev.burnrate.testing.DynamoFaultProxy.Fault.ACCESS_DENIED;
import static dev.burnrate.testing.DynamoFaultProxy.Fault.CONDITION_FAILED;
import static dev.burnrate.testing.DynamoFaultProxy.Fault.DROP_AFTER_COMMIT;
import static dev.burnrate.testing.DynamoFaultProxy.Fault.ERROR_500;
import static dev.burnrate.testing.DynamoFaultProxy.Fault.THROTTLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.DynamoFaultProxy;
import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exactly once under faults, through the whole function: DynamoDB faults injected over its protocol by the proxy
 * in front of moto (throttling, HTTP 500, an answer dropped after the write committed), channels that refuse (the
 * SNS topic or the SES sender removed on moto), a run that dies mid-delivery. Each test makes the forecast
 * cross the $1,000 budget ($800 by Nov 20, $1,200 forecast), so one alert is due, and counts what arrives.
 */
@QuarkusTest
@QuarkusTestResource(LocalWorldResource.class)
class DeliveryFaultsFunctionTest extends FunctionTestSupport {

    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final String SUBJECT = "[burnrate] AI spend forecast $1,200 of $1,000 budget - crosses on Nov 26";
    private static final String FORECAST = "total#FORECAST#100";

    private void forecastOverBudget() {
        vendors.openAi(new Days().every(FROM, TODAY, new Charge("proj_chat", "gpt-5-2025-08-07, input", "27.75")), 31);
        vendors.anthropic(new Days().every(FROM, TODAY,
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Input Tokens", "1225.00")), 31);
    }

    private List<String> snsSubjects() {
        return aws.snsMessages().stream().map(m -> m.get("Subject").asText()).toList();
    }

    private Map<String, Map<String, AttributeValue>> outbox() {
        return aws.partition("OUTBOX");
    }

    @Test
    void aClaimWhoseAnswerIsLostAfterItCommittedIsOursAndSendsOnce() throws Exception {
        forecastOverBudget();
        DynamoFaultProxy.arm(dynamoProxy, "TransactWriteItems", DROP_AFTER_COMMIT, 1);

        JsonNode report = check(event("scheduled.json"));

        assertThat(report.get("alerts")).extracting(a -> a.get("channel").asText() + ":" + a.get("error").isNull())
                .containsExactly("email:true", "sns:true");
        assertThat(snsSubjects()).containsExactly(SUBJECT);
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(aws.partition("ALERT#2026-11").get(FORECAST).get("status").s()).isEqualTo("SENT");
        assertThat(outbox()).isEmpty();
        // the SDK sent the claim again after the lost answer: the proxy saw it twice (and the silent 50% claim)
        assertThat(DynamoFaultProxy.count(dynamoProxy, "TransactWriteItems")).isGreaterThanOrEqualTo(3);

        check(event("scheduled.json"));
        assertThat(snsSubjects()).isEmpty();
        assertThat(aws.sentEmails()).hasSize(1);
    }

    @Test
    void throttledWritesAreRetriedAndSendOnce() throws Exception {
        forecastOverBudget();
        DynamoFaultProxy.arm(dynamoProxy, "TransactWriteItems", THROTTLE, 1);
        DynamoFaultProxy.arm(dynamoProxy, "TransactWriteItems", ERROR_500, 1);
        DynamoFaultProxy.arm(dynamoProxy, "UpdateItem", THROTTLE, 1, "leaseToken");

        check(event("scheduled.json"));

        assertThat(snsSubjects()).containsExactly(SUBJECT);
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aClaimThatCannotBeWrittenFailsTheInvocationWritesNothingAndTheNextRunSendsOnce() throws Exception {
        forecastOverBudget();
        // the role may not write (a denial is not retried)
        DynamoFaultProxy.arm(dynamoProxy, "TransactWriteItems", ACCESS_DENIED, 1);

        Response failed = invoke(event("scheduled.json"));

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.jsonPath().getString("errorMessage")).contains("not authorized").contains("injected");
        assertThat(aws.partition("ALERT#2026-11")).isEmpty();
        assertThat(outbox()).isEmpty();
        assertThat(snsSubjects()).isEmpty();

        DynamoFaultProxy.clear(dynamoProxy);
        check(event("scheduled.json"));
        assertThat(snsSubjects()).containsExactly(SUBJECT);
        assertThat(aws.sentEmails()).hasSize(1);
    }

    @Test
    void aFailedChannelIsRetriedNextRunWithoutSendingAgainToTheOneThatDelivered() throws Exception {
        forecastOverBudget();
        aws.removeTopic();

        JsonNode first = check(event("scheduled.json"));

        Map<String, JsonNode> byChannel = byField(first.get("alerts"), "channel");
        assertThat(byChannel.get("email").get("error").isNull()).isTrue();
        assertThat(byChannel.get("sns").get("error").asText()).startsWith("SNS refused the message:");
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(outbox()).hasSize(1).allSatisfy((id, item) -> {
            assertThat(item.get("delivered").ss()).containsExactly("email");
            assertThat(item.get("errors").m().get("sns").s()).startsWith("SNS refused the message:");
        });

        aws.restoreTopic();
        clock.advance(Duration.ofHours(1));
        JsonNode second = check(event("scheduled.json"));

        assertThat(second.get("alerts")).extracting(a -> a.get("channel").asText() + ":" + a.get("kind").asText())
                .containsExactly("sns:forecast_exceeds_budget");
        assertThat(snsSubjects()).containsExactly(SUBJECT);
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void whenEveryChannelFailsTheMessageWaitsAndIsSentOnceTheyAreBack() throws Exception {
        forecastOverBudget();
        aws.removeSender();
        aws.removeTopic();

        JsonNode failed = check(event("scheduled.json"));

        assertThat(failed.get("alerts")).hasSize(2).allSatisfy(a -> assertThat(a.get("error").asText()).isNotBlank());
        // the alert is claimed once and its message waits in the outbox: no second claim, no lost alert
        assertThat(aws.partition("ALERT#2026-11").get(FORECAST).get("status").s()).isEqualTo("SENT");
        assertThat(outbox()).hasSize(1);

        aws.restoreSender();
        aws.restoreTopic();
        JsonNode retried = check(event("scheduled.json"));
        assertThat(retried.get("alerts")).hasSize(2).allSatisfy(a -> assertThat(a.get("error").isNull()).isTrue());
        assertThat(snsSubjects()).containsExactly(SUBJECT);
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aMessageHeldByARunThatDiedIsLeftAloneUntilItsLeaseRunsOutThenDeliveredOnce() throws Exception {
        forecastOverBudget();
        aws.removeSender();
        aws.removeTopic();
        check(event("scheduled.json"));
        aws.restoreSender();
        aws.restoreTopic();
        String id = outbox().keySet().iterator().next();
        // the state a run leaves when it dies (or its release fails) while it holds the message: a lease to 10:05
        aws.dynamo().updateItem(u -> u.tableName(dev.burnrate.testing.LocalAws.TABLE)
                .key(Map.of("pk", AttributeValue.fromS("OUTBOX"), "sk", AttributeValue.fromS(id)))
                .updateExpression("SET leaseToken = :t, leaseUntil = :u")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("dead-run"),
                        ":u", AttributeValue.fromS("2026-11-20T10:05:00Z"))));

        clock.advance(Duration.ofMinutes(2));
        JsonNode whileHeld = check(event("scheduled.json"));
        assertThat(whileHeld.get("alerts")).isEmpty();
        assertThat(snsSubjects()).isEmpty();

        clock.advance(Duration.ofMinutes(4));
        JsonNode after = check(event("scheduled.json"));
        assertThat(after.get("alerts")).hasSize(2).allSatisfy(a -> assertThat(a.get("error").isNull()).isTrue());
        assertThat(snsSubjects()).containsExactly(SUBJECT);
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void aRunThatDiesAfterAChannelTookTheMessageResumesWithTheOthers() throws Exception {
        forecastOverBudget();
        // recording that SNS took the message fails for good: the run dies after SNS took it
        DynamoFaultProxy.arm(dynamoProxy, "UpdateItem", ERROR_500, 1, "ADD delivered.*\"sns\"");
        DynamoFaultProxy.arm(dynamoProxy, "UpdateItem", ACCESS_DENIED, 1, "ADD delivered.*\"sns\"");
        Response died = invoke(event("scheduled.json"));

        // e-mail went first (channels go in name order) and was recorded; SNS took it, but that was not recorded
        assertThat(died.statusCode()).isEqualTo(500);
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(outbox()).hasSize(1).allSatisfy((id, item) -> assertThat(item.get("delivered").ss())
                .containsExactly("email"));
        JsonNode held = check(event("scheduled.json"));
        assertThat(held.get("alerts")).isEmpty();

        clock.advance(Duration.ofMinutes(6));
        check(event("scheduled.json"));

        // at least once per channel: e-mail is not sent again; SNS, whose delivery was not recorded, is
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(snsSubjects()).containsExactly(SUBJECT, SUBJECT);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void anUpgradeKeepsThisMonthsAlertsInTheOldKeysAndSendsNoneAgain() throws Exception {
        forecastOverBudget();
        // items as the version before typed alert kinds wrote them
        for (String[] legacy : List.of(new String[] {"total#forecast_exceeds_budget#100", "SENT"},
                new String[] {"total#actual_threshold_50#50", "SUPPRESSED"},
                new String[] {"total#runaway#0#openai@2026-11-20T08:00:00Z", "SENT"},
                new String[] {"total#stale_data#0#openai@2026-11-19T09:00:00Z", "SENDING"})) {
            aws.dynamo().putItem(p -> p.tableName(dev.burnrate.testing.LocalAws.TABLE).item(Map.of(
                    "pk", AttributeValue.fromS("ALERT#2026-11"), "sk", AttributeValue.fromS(legacy[0]),
                    "status", AttributeValue.fromS(legacy[1]), "runId", AttributeValue.fromS("before-the-upgrade"))));
        }

        JsonNode report = check(event("scheduled.json"));

        // the forecast alert was sent before the upgrade: not again; the stale spell ended: one "fresh again"
        assertThat(report.get("alerts")).extracting(a -> a.get("kind").asText()).containsOnly("recovered");
        assertThat(snsSubjects()).containsExactly("[burnrate] OpenAI figures are fresh again");
        assertThat(aws.partition("ALERT#2026-11")).containsOnlyKeys("total#FORECAST#100", "total#ACTUAL#50",
                "total#STALE_DATA#0#openai#2026-11-19T09:00:00Z");
        assertThat(aws.partition("ALERT#2026-11").get("total#FORECAST#100").get("status").s()).isEqualTo("SENT");
        assertThat(aws.partition("ALERT#2026-11").get("total#STALE_DATA#0#openai#2026-11-19T09:00:00Z")
                .get("status").s()).isEqualTo("RECOVERED");
    }

    /**
     * The channels of a message are sent at once, so when one learns the lease is lost the others are already
     * in flight: each records what it did only while the lease is still this run's, and the run neither finishes
     * nor releases the message. Here the lease is lost just as e-mail records its delivery, SNS's record lands.
     */
    @Test
    void aRunThatLostItsLeaseFinishesNothingAndLeavesTheMessageToTheNextRun() throws Exception {
        forecastOverBudget();
        // as if another run had taken the message over just after e-mail took it
        DynamoFaultProxy.arm(dynamoProxy, "UpdateItem", CONDITION_FAILED, 1, "ADD delivered.*\"email\"");

        JsonNode first = check(event("scheduled.json"));

        // no crash; both went at once, the message stays queued for the run that holds it
        assertThat(first.get("alerts")).extracting(a -> a.get("channel").asText()).containsExactly("email", "sns");
        assertThat(snsSubjects()).containsExactly(SUBJECT);
        assertThat(outbox()).hasSize(1);
        assertThat(outbox().values().iterator().next().get("delivered").ss()).containsExactly("sns");

        clock.advance(Duration.ofMinutes(6));
        check(event("scheduled.json"));
        // the record of e-mail's delivery was lost with the lease, so e-mail gets it again: at least once;
        // SNS's was kept, so SNS does not (snsSubjects drains the queue: nothing new arrived)
        assertThat(snsSubjects()).isEmpty();
        assertThat(aws.sentEmails()).hasSize(2);
        assertThat(outbox()).isEmpty();
    }

    @Test
    void giveUpAfterDropsAMessageNoChannelTookAndSaysSoInTheLog() throws Exception {
        forecastOverBudget();
        aws.removeSender();
        aws.removeTopic();
        check(event("scheduled.json"));
        assertThat(outbox()).hasSize(1);

        clock.advance(Duration.ofHours(24));
        JsonNode late = check(event("scheduled.json"));

        assertThat(late.get("alerts")).hasSize(2).allSatisfy(a -> assertThat(a.get("error").asText()).isNotBlank());
        assertThat(outbox()).isEmpty();
        assertThat(aws.partition("ALERT#2026-11").get(FORECAST).get("status").s()).isEqualTo("SENT");
    }
}
