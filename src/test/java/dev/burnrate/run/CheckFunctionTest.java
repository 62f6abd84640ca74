package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

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
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole function through the Lambda mock event server: vendors on WireMock, DynamoDB, SNS (read back
 * through SQS), SES and Secrets Manager on moto. The clock is fixed at 2026-11-20T10:00:00Z and the budget
 * is $1,000 (application.properties, %test).
 */
@QuarkusTest
@QuarkusTestResource(LocalWorldResource.class)
class CheckFunctionTest extends FunctionTestSupport {

    private static final LocalDate HISTORY_START = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Inject
    CheckService service;

    /** $27.75 a day at OpenAI and $12.25 at Anthropic: $800 by Nov 20, $1,200 forecast for a $1,000 budget. */
    private void fortyDollarsADay(int bucketsPerPage) {
        vendors.openAi(new Days().every(HISTORY_START, TODAY,
                new Charge("proj_chat", "gpt-5-2025-08-07, input", "16.50"),
                new Charge("proj_chat", "gpt-5-2025-08-07, output", "11.25")), bucketsPerPage);
        vendors.anthropic(new Days().every(HISTORY_START, TODAY,
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Input Tokens", "725.00"),
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Output Tokens", "500.00")), bucketsPerPage);
    }

    /** $10 a day: $200 by Nov 20, $300 forecast. */
    private void tenDollarsADay() {
        vendors.openAi(new Days().every(HISTORY_START, TODAY,
                new Charge("proj_chat", "gpt-5-mini-2025-08-07, input", "6.00")), 31);
        vendors.anthropic(new Days().every(HISTORY_START, TODAY,
                new Charge(null, "Claude Haiku 4.5 Usage - Input Tokens", "400")), 31);
    }

    private static Map<String, JsonNode> byVendor(JsonNode report) {
        return byField(report.get("vendors"), "vendor");
    }

    private static BigDecimal total(Map<String, AttributeValue> item) {
        return new BigDecimal(item.get("totalUsd").n());
    }

    @Test
    void forecastOverBudgetSendsOneSnsMessageAndOneEmailAndASecondRunSendsNone() throws Exception {
        fortyDollarsADay(7);

        JsonNode report = check(event("scheduled.json"));

        assertThat(report.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("800.00");
        assertThat(report.at("/forecast/p50Usd").decimalValue()).isEqualByComparingTo("1200.00");
        assertThat(report.at("/forecast/crossingDate").asText()).isEqualTo("2026-11-26");
        // $800 is above 50% and the forecast above 100%: both are claimed, only the more urgent one is sent
        assertThat(report.at("/budgets/0/id").asText()).isEqualTo("total");
        assertThat(report.at("/budgets/0/dueAlerts")).extracting(JsonNode::asText)
                .containsExactly("actual_threshold_50", "forecast_exceeds_budget");
        assertThat(report.get("alerts")).extracting(a -> a.get("channel").asText()).containsExactly("email", "sns");
        assertThat(report.get("alerts")).extracting(a -> a.get("kind").asText())
                .containsOnly("forecast_exceeds_budget");
        assertThat(report.get("alerts")).allSatisfy(a -> assertThat(a.get("messageId").asText()).isNotBlank());

        List<JsonNode> sns = aws.snsMessages();
        assertThat(sns).hasSize(1);
        JsonNode notification = sns.get(0);
        assertThat(notification.get("Subject").asText())
                .isEqualTo("[burnrate] AI spend forecast $1,200 of $1,000 budget - crosses on Nov 26");
        assertThat(notification.get("Subject").asText().length()).isLessThanOrEqualTo(100);
        // the SQS subscriber gets the machine form of the message (SNS message structure "sqs")
        JsonNode machine = JSON.readTree(notification.get("Message").asText());
        assertThat(machine.get("kind").asText()).isEqualTo("forecast_exceeds_budget");
        assertThat(machine.get("budget").asText()).isEqualTo("total");
        assertThat(machine.at("/facts/Month to date").asText()).isEqualTo("$800.00");
        assertThat(machine.at("/facts/Forecast P50 ~1 P90").asText()).isEqualTo("$1,200.00 / $1,200.00");
        assertThat(machine.get("advice").toString()).contains("gpt-5-2025-08-07 is 69% of spend");
        assertThat(notification.at("/MessageAttributes/kind/Value").asText()).isEqualTo("forecast_exceeds_budget");
        assertThat(notification.at("/MessageAttributes/severity/Value").asText()).isEqualTo("warning");

        List<JsonNode> emails = aws.sentEmails();
        assertThat(emails).hasSize(1);
        assertThat(emails.get(0).get("source").asText()).isEqualTo(LocalAws.SENDER);
        assertThat(emails.get(0).at("/destinations/ToAddresses/0").asText()).isEqualTo(LocalAws.RECIPIENT);
        assertThat(emails.get(0).get("subject").asText()).isEqualTo(notification.get("Subject").asText());
        assertThat(emails.get(0).get("body").asText()).contains("<html").contains("$1,200.00").contains("Nov 26")
                .contains(">OpenAI</td>").contains("$555.00").contains("Anthropic").contains("$245.00");

        JsonNode second = check(event("scheduled.json"));
        assertThat(second.get("alerts")).isEmpty();
        assertThat(second.at("/budgets/0/dueAlerts")).isEmpty();
        assertThat(aws.snsMessages()).isEmpty();
        assertThat(aws.sentEmails()).hasSize(1);
        assertThat(aws.partition("ALERT#2026-11")).containsOnlyKeys("total#FORECAST#100",
                "total#ACTUAL#50");
    }

    @Test
    void aNarrowForecastFarAheadWaitsUntilTheDaysBeforeConfirmItThenGoesOutOnce() throws Exception {
        // $30 a day ($18 at OpenAI, $12 at Anthropic) until Nov 12, $40 from Nov 13 ($28 and $12): on Nov 20 the
        // last seven days stand apart from the seven before, a step to $40; 640 + 40 today + 10 x 40 = $1,080,
        // 8% over the $1,000 budget, crossing on the 29th (1,000 reached, not passed, on the 28th): narrow and 9 days
        // off, so the forecasts at 10:00 on the four days before must agree. On the 16th the step was three days
        // old, the level $30: 480 + 40 + 14 x 30 = $940. So it waits, while the 50% alert ($680) goes out.
        LocalDate stepDay = LocalDate.of(2026, 11, 13);
        LocalDate tomorrow = TODAY.plusDays(1);
        vendors.openAi(new Days().every(HISTORY_START, stepDay.minusDays(1), new Charge("proj_chat", "gpt-5, input", "18"))
                .every(stepDay, tomorrow, new Charge("proj_chat", "gpt-5, input", "28")), 31);
        vendors.anthropic(new Days().every(HISTORY_START, tomorrow,
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Input Tokens", "1200")), 31);

        JsonNode report = check(event("scheduled.json"));

        assertThat(report.at("/forecast/p50Usd").decimalValue()).isEqualByComparingTo("1080.00");
        assertThat(report.at("/forecast/crossingDate").asText()).isEqualTo("2026-11-29");
        assertThat(report.at("/budgets/0/dueAlerts")).extracting(JsonNode::asText).containsExactly("actual_threshold_50");
        assertThat(report.at("/budgets/0/confirming")).extracting(JsonNode::asText)
                .containsExactly("forecast_exceeds_budget");
        assertThat(aws.snsMessages()).extracting(m -> m.get("Subject").asText())
                .containsExactly("[burnrate] AI spend $680 passed 50% of the $1,000 budget");
        assertThat(aws.partition("ALERT#2026-11")).containsOnlyKeys("total#ACTUAL#50");

        // a day later the 17th to the 20th were all over it too (the step was four days old on the 17th): it goes out
        clock.set(java.time.Instant.parse("2026-11-21T10:00:00Z"));
        JsonNode next = check(event("scheduled.json"));

        assertThat(next.at("/budgets/0/dueAlerts")).extracting(JsonNode::asText).containsExactly("forecast_exceeds_budget");
        assertThat(next.at("/budgets/0/confirming")).isEmpty();
        assertThat(aws.snsMessages()).extracting(m -> m.get("Subject").asText())
                .containsExactly("[burnrate] AI spend forecast $1,080 of $1,000 budget - crosses on Nov 29");
        assertThat(aws.partition("ALERT#2026-11")).containsOnlyKeys("total#ACTUAL#50", "total#FORECAST#100");

        clock.advance(java.time.Duration.ofHours(1));
        assertThat(check(event("scheduled.json")).at("/budgets/0/confirming")).as("sent: nothing to confirm").isEmpty();
        assertThat(aws.snsMessages()).isEmpty();
        clock.reset();
    }

    @Test
    void monthUnderBudgetSendsNothing() throws Exception {
        tenDollarsADay();

        JsonNode report = check(event("scheduled.json"));

        assertThat(report.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(report.at("/forecast/p50Usd").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(report.at("/forecast/crossingDate").isNull()).isTrue();
        assertThat(report.get("alerts")).isEmpty();
        assertThat(aws.snsMessages()).isEmpty();
        assertThat(aws.sentEmails()).isEmpty();
        assertThat(aws.partition("ALERT#2026-11")).isEmpty();
    }

    @Test
    void firstRunStoresTwoMonthsOfHistoryAndEveryPageAndARepeatRunLeavesTheSameItems() throws Exception {
        fortyDollarsADay(7);

        JsonNode report = check(event("scheduled.json"));

        int days = (int) (TODAY.toEpochDay() - HISTORY_START.toEpochDay() + 1);
        assertThat(byVendor(report).get("openai").get("status").asText()).isEqualTo("ok");
        assertThat(byVendor(report).get("openai").get("daysFetched").asInt()).isEqualTo(days);
        assertThat(byVendor(report).get("openai").get("fetchedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        // 81 daily buckets at 7 a page: every one of the 12 pages was read
        assertThat(vendors.requests(VendorFixtures.OPENAI_COSTS)).hasSize(12);
        assertThat(vendors.requests(VendorFixtures.ANTHROPIC_COSTS)).hasSize(12);
        assertThat(vendors.requests(VendorFixtures.OPENAI_COSTS).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + LocalAws.OPENAI_KEY);
        assertThat(vendors.requests(VendorFixtures.ANTHROPIC_COSTS).get(0).getHeader("x-api-key"))
                .isEqualTo(LocalAws.ANTHROPIC_KEY);
        assertThat(vendors.requests(VendorFixtures.ANTHROPIC_COSTS).get(0).getHeader("anthropic-version"))
                .isEqualTo("2023-06-01");

        // two vendors' 30 days, and the month's summary (the next checks read it instead of the days)
        assertThat(aws.partition("COST#2026-09")).hasSize(61).containsKey("~summary");
        assertThat(aws.partition("COST#2026-10")).hasSize(62);
        Map<String, Map<String, AttributeValue>> november = aws.partition("COST#2026-11");
        assertThat(november).hasSize(40);
        Map<String, AttributeValue> openAiDay = november.get("openai#2026-11-05");
        assertThat(total(openAiDay)).isEqualByComparingTo("27.75");
        assertThat(openAiDay.get("lines").l()).hasSize(2);
        assertThat(openAiDay.get("lines").l().get(0).m().get("project").s()).isEqualTo("proj_chat");
        assertThat(openAiDay.get("provisional").bool()).isFalse();
        assertThat(november.get("openai#2026-11-20").get("provisional").bool()).isTrue();
        assertThat(total(november.get("anthropic#2026-11-05"))).isEqualByComparingTo("12.25");

        check(event("scheduled.json"));

        assertThat(withoutFetchedAt(aws.partition("COST#2026-11"))).isEqualTo(withoutFetchedAt(november));
        // the second run re-pulls only the trailing three days and today
        var repeat = vendors.requests(VendorFixtures.OPENAI_COSTS);
        assertThat(repeat.get(repeat.size() - 1).queryParameter("start_time").firstValue())
                .isEqualTo(Long.toString(TODAY.minusDays(3).atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
        assertThat(aws.partition("RUN#2026-11-20")).hasSize(2);
    }

    private static Map<String, Map<String, AttributeValue>> withoutFetchedAt(
            Map<String, Map<String, AttributeValue>> items) {
        return items.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            Map<String, AttributeValue> copy = new java.util.HashMap<>(e.getValue());
            copy.remove("fetchedAt");
            return copy;
        }));
    }

    @Test
    void anthropicCentsAreConvertedToDollarsAndAVendorWithoutAKeyIsNotConfigured() throws Exception {
        aws.putSecrets(Map.of("anthropic", LocalAws.ANTHROPIC_KEY));
        vendors.serveFile(VendorFixtures.ANTHROPIC_COSTS, "fixtures/anthropic-cost-report-known-total.json");

        JsonNode report = check(event("scheduled.json"));

        assertThat(byVendor(report).get("openai").get("status").asText()).isEqualTo("not_configured");
        assertThat(byVendor(report).get("openai").get("error").isNull()).isTrue();
        assertThat(vendors.requests(VendorFixtures.OPENAI_COSTS)).isEmpty();
        Map<String, Map<String, AttributeValue>> november = aws.partition("COST#2026-11");
        // "1234.5678" + "50.0" cents; "98765.4321" - "250" cents (a credit)
        assertThat(total(november.get("anthropic#2026-11-18"))).isEqualByComparingTo("12.845678");
        assertThat(total(november.get("anthropic#2026-11-19"))).isEqualByComparingTo("985.154321");
        assertThat(november.get("anthropic#2026-11-19").get("lines").l().get(1).m().get("project").s())
                .isEqualTo("default");
        assertThat(report.at("/monthToDateByVendorUsd/anthropic").decimalValue()).isEqualByComparingTo("998.00");
    }

    @Test
    void aVendorAnswering500IsReportedAndTheOtherVendorIsStored() throws Exception {
        fortyDollarsADay(31);
        vendors.answer(VendorFixtures.OPENAI_COSTS, 500,
                "{\"error\": {\"message\": \"The server had an error while processing your request.\", "
                        + "\"type\": \"server_error\", \"param\": null, \"code\": null}}");

        JsonNode report = check(event("scheduled.json"));

        JsonNode openAi = byVendor(report).get("openai");
        assertThat(openAi.get("status").asText()).isEqualTo("failed");
        assertThat(openAi.get("error").asText()).isEqualTo("openai GET /v1/organization/costs: answered HTTP 500: "
                + "The server had an error while processing your request. (after 3 attempts)");
        assertThat(vendors.requests(VendorFixtures.OPENAI_COSTS)).hasSize(3);
        assertThat(byVendor(report).get("anthropic").get("status").asText()).isEqualTo("ok");
        assertThat(aws.partition("COST#2026-11").keySet()).hasSize(20).allMatch(k -> k.startsWith("anthropic#"));
        assertThat(report.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("245.00");
        assertThat(aws.partition("RUN#2026-11-20").values().iterator().next().get("outcome").s())
                .startsWith("degraded: 1 vendor(s) failed");
    }

    @Test
    void garbageFromAVendorIsReportedAndWhatWasStoredBeforeIsIntact() throws Exception {
        fortyDollarsADay(31);
        check(event("scheduled.json"));
        Map<String, Map<String, AttributeValue>> before = aws.partition("COST#2026-11");

        vendors.answer(VendorFixtures.OPENAI_COSTS, 200, "<html><body>Bad gateway</body></html>");
        JsonNode report = check(event("scheduled.json"));

        assertThat(byVendor(report).get("openai").get("status").asText()).isEqualTo("failed");
        assertThat(byVendor(report).get("openai").get("error").asText())
                .startsWith("openai GET /v1/organization/costs: answered with a body that is not the expected JSON");
        // figures shown are the stored ones, fetched by the first run
        assertThat(byVendor(report).get("openai").get("fetchedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
        Map<String, Map<String, AttributeValue>> after = aws.partition("COST#2026-11");
        assertThat(after.get("openai#2026-11-19")).isEqualTo(before.get("openai#2026-11-19"));
        assertThat(total(after.get("openai#2026-11-20"))).isEqualByComparingTo("27.75");
        // the stored OpenAI days still count: the forecast does not drop when a vendor hiccups
        assertThat(report.at("/monthToDateByVendorUsd/openai").decimalValue()).isEqualByComparingTo("555.00");
        assertThat(report.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("800.00");
        assertThat(report.at("/forecast/p50Usd").decimalValue()).isEqualByComparingTo("1200.00");
        assertThat(byVendor(report).get("anthropic").get("daysFetched").asInt()).isEqualTo(4);
    }

    @Test
    void aPageThatPromisesMoreWithoutACursorFailsTheVendor() throws Exception {
        fortyDollarsADay(31);
        vendors.answer(VendorFixtures.OPENAI_COSTS, 200,
                "{\"object\": \"page\", \"data\": [], \"has_more\": true, \"next_page\": null}");

        JsonNode report = check(event("scheduled.json"));

        assertThat(byVendor(report).get("openai").get("error").asText()).isEqualTo("openai GET "
                + "/v1/organization/costs: answer lacks the required field 'next_page (has_more is true)'");
    }

    @Test
    void anAmountThatIsNotADecimalStringIsNamed() throws Exception {
        fortyDollarsADay(31);
        vendors.answer(VendorFixtures.ANTHROPIC_COSTS, 200, "{\"data\": [{\"starting_at\": \"2026-11-19T00:00:00Z\", "
                + "\"results\": [{\"amount\": \"12,50\", \"currency\": \"USD\"}]}], \"has_more\": false}");

        JsonNode report = check(event("scheduled.json"));

        assertThat(byVendor(report).get("anthropic").get("error").asText()).isEqualTo("anthropic GET "
                + "/v1/organizations/cost_report: data[].results[].amount '12,50' for 2026-11-19 is not a decimal "
                + "string of cents");
    }

    @Test
    void aMissingRequiredFieldIsNamedAndNothingOfThatVendorIsStored() throws Exception {
        fortyDollarsADay(31);
        long day = TODAY.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        vendors.answer(VendorFixtures.OPENAI_COSTS, 200, "{\"object\": \"page\", \"data\": [{\"object\": \"bucket\", "
                + "\"start_time\": " + day + ", \"end_time\": " + (day + 86400) + ", \"results\": [{\"object\": "
                + "\"organization.costs.result\", \"amount\": {\"currency\": \"usd\"}, \"line_item\": \"x\"}]}], "
                + "\"has_more\": false, \"next_page\": null}");

        JsonNode report = check(event("scheduled.json"));

        assertThat(byVendor(report).get("openai").get("error").asText()).isEqualTo(
                "openai GET /v1/organization/costs: answer lacks the required field 'data[].results[].amount.value'");
        assertThat(aws.partition("COST#2026-11").keySet()).noneMatch(k -> k.startsWith("openai#"));
    }

    @Test
    void aVendorThatDoesNotAnswerInTimeIsCutOffAndTheOtherIsStored() throws Exception {
        fortyDollarsADay(31);
        vendors.slow(VendorFixtures.ANTHROPIC_COSTS, 4000);

        JsonNode report = check(event("scheduled.json"));

        assertThat(byVendor(report).get("anthropic").get("status").asText()).isEqualTo("failed");
        // each try times out after 2 s and is retried; the 5 s time budget of the vendor cuts the third
        assertThat(byVendor(report).get("anthropic").get("error").asText())
                .isEqualTo("anthropic: did not finish within 5s (in GET /v1/organizations/cost_report)");
        assertThat(byVendor(report).get("openai").get("status").asText()).isEqualTo("ok");
    }

    @Test
    void anUnreadableEventFailsTheInvocationWithAMessageNamingTheField() {
        Response response = invoke("{\"dryRun\": \"yes\"}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.jsonPath().getString("errorType")).contains("InvalidEventException");
        assertThat(response.jsonPath().getString("errorMessage"))
                .isEqualTo("Field 'dryRun' must be true or false but is string \"yes\".");

        Response unknown = invoke("{\"source\": \"aws.s3\", \"detail-type\": \"Object Created\"}");
        assertThat(unknown.statusCode()).isEqualTo(500);
        assertThat(unknown.jsonPath().getString("errorMessage")).contains("source 'aws.s3'")
                .contains("'Scheduled Event'");
        assertThat(vendors.requests(VendorFixtures.OPENAI_COSTS)).isEmpty();
    }

    @Test
    void aMonthBeforeThePreviousIsReadFromItsSummaryWithTheSameForecastAndSummarisedAgainOnceWritten()
            throws Exception {
        fortyDollarsADay(31);
        JsonNode full = check(event("scheduled.json"));

        Map<String, AttributeValue> summary = aws.partition("COST#2026-09").get("~summary");
        assertThat(summary).as("written by the first check that read September").isNotNull();
        Map<String, AttributeValue> openAiDays = summary.get("vendors").m().get("openai").m().get("days").m();
        assertThat(openAiDays).hasSize(30);
        assertThat(new BigDecimal(openAiDays.get("05").m().get("usd").n())).isEqualByComparingTo("27.75");
        assertThat(openAiDays.get("05").m().get("projects").m()).as("no budget names a project").isEmpty();
        assertThat(new BigDecimal(summary.get("vendors").m().get("anthropic").m().get("days").m().get("30").m()
                .get("usd").n())).isEqualByComparingTo("12.25");
        assertThat(aws.partition("COST#2026-10")).as("the previous month is read in full").doesNotContainKey("~summary");

        // the same check again, where reading September's days in full would fail: the summary is what it reads
        dev.burnrate.testing.DynamoFaultProxy.arm(dynamoProxy, "Query", dev.burnrate.testing.DynamoFaultProxy.Fault
                .ERROR_500, 100, "(?=.*\"pk = :pk\")(?=.*COST#2026-09)");
        JsonNode summarised = check(event("scheduled.json"));
        dev.burnrate.testing.DynamoFaultProxy.clear(dynamoProxy);
        assertThat(summarised.get("forecast")).as("the forecast from the summary").isEqualTo(full.get("forecast"));
        assertThat(summarised.get("budgets").get(0).get("forecast")).isEqualTo(full.get("budgets").get(0)
                .get("forecast"));

        // OpenAI's first run again (its history re-pulled): September's days are written, so its summary is dropped
        // and the next check summarises it again with the new figures
        aws.dynamo().deleteItem(d -> d.tableName(LocalAws.TABLE).key(Map.of("pk", AttributeValue.fromS("VENDOR"),
                "sk", AttributeValue.fromS("openai"))));
        vendors.reset();
        vendors.openAi(new Days().every(HISTORY_START, TODAY, new Charge("proj_chat", "gpt-5-2025-08-07, input",
                "30.00")), 31);
        vendors.anthropic(new Days().every(HISTORY_START, TODAY, new Charge("wrkspc_support",
                "Claude Sonnet 4.5 Usage - Input Tokens", "1225.00")), 31);
        check(event("scheduled.json"));
        Map<String, AttributeValue> again = aws.partition("COST#2026-09").get("~summary");
        assertThat(new BigDecimal(again.get("vendors").m().get("openai").m().get("days").m().get("05").m()
                .get("usd").n())).isEqualByComparingTo("30.00");
    }

    @Test
    void aMissingVendorKeySecretFailsTheInvocationNamingTheSecret() {
        aws.deleteSecret();

        Response response = invoke("{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.jsonPath().getString("errorMessage")).isEqualTo("Secrets Manager secret '"
                + LocalAws.SECRET + "' (burnrate.secrets.secret-id) does not exist");
    }

    @Test
    void aSecretWithANonStringKeyIsRejectedWithoutShowingItsValue() {
        aws.putSecret("{\"openai\": {\"key\": \"sk-admin-very-secret\"}}");

        Response response = invoke("{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.jsonPath().getString("errorMessage")).contains("'openai' must be a string")
                .doesNotContain("very-secret");
    }

    @Test
    void dryRunReportsTheDueAlertButSendsAndClaimsNothing() throws Exception {
        fortyDollarsADay(31);

        JsonNode report = check(event("manual-check.json"));

        assertThat(report.get("trigger").asText()).isEqualTo("manual");
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.at("/budgets/0/dueAlerts")).extracting(JsonNode::asText)
                .containsExactly("actual_threshold_50", "forecast_exceeds_budget");
        assertThat(report.get("alerts")).isEmpty();
        assertThat(aws.snsMessages()).isEmpty();
        assertThat(aws.sentEmails()).isEmpty();
        assertThat(aws.partition("ALERT#2026-11")).isEmpty();
        assertThat(aws.partition("COST#2026-11")).hasSize(40);
    }

    @Test
    void asOfReplaysTheStoredLedgerWithoutCallingVendorsOrWritingAnything() throws Exception {
        // an hourly check at 11:00 on the 15th read the 15th at $40 so far ...
        fortyDollarsADay(31);
        clock.set(java.time.Instant.parse("2026-11-15T11:00:00Z"));
        check(event("scheduled.json"));
        // ... and the check at 10:00 on the 20th read it again at $119, and the days since
        vendors.openAi(new Days().add(LocalDate.of(2026, 11, 15), new Charge("proj_chat", "gpt-5, input", "106.75"))
                .every(LocalDate.of(2026, 11, 16), TODAY, new Charge("proj_chat", "gpt-5, input", "27.75")), 31);
        clock.reset();
        check(event("scheduled.json"));
        int requestsBefore = vendors.requests(VendorFixtures.OPENAI_COSTS).size();
        aws.snsMessages();
        clock.advance(java.time.Duration.ofHours(2));

        JsonNode report = check(event("manual-asof.json"));

        // as known at 12:00 on the 15th: the 15th as read at 11:00, nothing of the days read later
        assertThat(report.get("asOf").asText()).isEqualTo("2026-11-15T12:00:00Z");
        assertThat(report.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(byVendor(report).get("openai").get("fetchedAt").asText()).isEqualTo("2026-11-15T11:00:00Z");
        // as known at 11:00 on the 20th: the 15th at $119, the 16th to the 20th at $40
        JsonNode later = check("{\"dryRun\": true, \"asOf\": \"2026-11-20T11:00:00Z\"}");
        assertThat(later.get("monthToDateUsd").decimalValue()).isEqualByComparingTo("879.00");
        // an instant before anything was read knows nothing
        assertThat(check("{\"dryRun\": true, \"asOf\": \"2026-11-15T10:59:59Z\"}").get("monthToDateUsd")
                .decimalValue()).isEqualByComparingTo("0");
        assertThat(byVendor(report).get("openai").get("status").asText()).isEqualTo("stored");
        assertThat(vendors.requests(VendorFixtures.OPENAI_COSTS)).hasSize(requestsBefore);
        assertThat(aws.partition("RUN#2026-11-20")).hasSize(1);
        assertThat(aws.snsMessages()).isEmpty();

        Response future = invoke("{\"asOf\": \"2026-12-01T00:00:00Z\"}");
        assertThat(future.statusCode()).isEqualTo(500);
        assertThat(future.jsonPath().getString("errorMessage")).contains("in the future");
    }

    @Test
    void aReplayAtMidnightOfTheFirstJudgesTheNewMonthNotTheOneThatEnded() throws Exception {
        fortyDollarsADay(31); // $800 of November stored by Nov 20, heading for $1,200
        check(event("scheduled.json"));
        clock.set(java.time.Instant.parse("2026-12-01T01:00:00Z"));

        JsonNode midnight = check("{\"dryRun\": true, \"asOf\": \"2026-12-01T00:00:00Z\"}");
        JsonNode lastMillisecond = check("{\"dryRun\": true, \"asOf\": \"2026-11-30T23:59:59.999Z\"}");

        assertThat(midnight.get("month").asText()).isEqualTo("2026-12");
        assertThat(midnight.at("/budgets/0/monthToDateUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(midnight.at("/budgets/0/dueAlerts")).isEmpty();
        assertThat(lastMillisecond.get("month").asText()).isEqualTo("2026-11");
        assertThat(lastMillisecond.at("/budgets/0/monthToDateUsd").decimalValue()).isEqualByComparingTo("800.00");
    }

    @Test
    void twoOverlappingChecksSendTheAlertOnce() throws Exception {
        fortyDollarsADay(31);
        CyclicBarrier start = new CyclicBarrier(2);
        CheckEvent scheduled = CheckEvent.parse(JSON.readTree(event("scheduled.json")));

        List<CompletableFuture<CheckReport>> runs = List.of("req-a", "req-b").stream()
                .map(id -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return service.run(scheduled, id);
                })).toList();
        List<CheckReport> reports = runs.stream().map(CompletableFuture::join).toList();

        assertThat(reports.stream().mapToInt(r -> r.alerts().size()).sum()).isEqualTo(2);
        assertThat(aws.snsMessages()).hasSize(1);
        assertThat(aws.sentEmails()).hasSize(1);
    }

    @Test
    void aFailingChannelIsReportedAndTheOtherChannelStillDelivers() throws Exception {
        fortyDollarsADay(31);
        aws.removeSender();

        JsonNode report = check(event("scheduled.json"));

        Map<String, JsonNode> byChannel = byField(report.get("alerts"), "channel");
        assertThat(byChannel.get("email").get("messageId").isNull()).isTrue();
        assertThat(byChannel.get("email").get("error").asText()).isNotBlank();
        assertThat(byChannel.get("sns").get("messageId").asText()).isNotBlank();
        assertThat(aws.snsMessages()).hasSize(1);
        assertThat(aws.partition("ALERT#2026-11").get("total#FORECAST#100").get("status").s())
                .isEqualTo("SENT");
    }
}
