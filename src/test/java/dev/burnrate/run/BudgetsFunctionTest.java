package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
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
 * Total, vendor and workspace budgets from one {@code burnrate.budgets} line, each forecast from its own spend
 * and alerted on its own, through the function with moto and WireMock.
 */
@QuarkusTest
@TestProfile(BudgetsFunctionTest.Budgets.class)
@QuarkusTestResource(LocalWorldResource.class)
class BudgetsFunctionTest extends FunctionTestSupport {

    public static class Budgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.budgets", "total=5000; openai=500; anthropic/wrkspc_support=200 support bot",
                    "burnrate.thresholds.actual", "100");
        }
    }

    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @BeforeEach
    void serveVendors() {
        // OpenAI $20/day (forecast $600 of $500); Anthropic support workspace $8/day (forecast $240 of $200),
        // Anthropic default workspace $5/day
        vendors.openAi(new Days().every(FROM, TODAY, new Charge("proj_chat", "gpt-5-2025-08-07, input", "20.00")), 31);
        vendors.anthropic(new Days().every(FROM, TODAY,
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Input Tokens", "800"),
                new Charge(null, "Claude Haiku 4.5 Usage - Input Tokens", "500")), 31);
    }

    @Test
    void eachBudgetIsForecastFromItsOwnSpendAndAlertsOnItsOwn() throws Exception {
        JsonNode report = check(event("scheduled.json"));

        Map<String, JsonNode> budgets = byField(report.get("budgets"), "id");
        assertThat(budgets).containsOnlyKeys("total", "openai", "anthropic/wrkspc_support");
        assertThat(budgets.get("openai").get("monthToDateUsd").decimalValue()).isEqualByComparingTo("400.00");
        assertThat(budgets.get("openai").at("/forecast/p50Usd").decimalValue()).isEqualByComparingTo("600.00");
        assertThat(budgets.get("anthropic/wrkspc_support").get("name").asText()).isEqualTo("support bot");
        assertThat(budgets.get("anthropic/wrkspc_support").get("monthToDateUsd").decimalValue())
                .isEqualByComparingTo("160.00");
        assertThat(budgets.get("anthropic/wrkspc_support").at("/forecast/p50Usd").decimalValue())
                .isEqualByComparingTo("240.00");
        assertThat(budgets.get("total").get("dueAlerts")).isEmpty();
        assertThat(report.get("budgetUsd").decimalValue()).isEqualByComparingTo("5000.00");

        List<JsonNode> sns = aws.snsMessages();
        Map<String, JsonNode> byBudget = sns.stream()
                .collect(Collectors.toMap(m -> m.at("/MessageAttributes/budget/Value").asText(), m -> m));
        assertThat(byBudget).containsOnlyKeys("openai", "anthropic/wrkspc_support");
        assertThat(byBudget.get("openai").get("Subject").asText())
                .isEqualTo("[burnrate] OpenAI spend forecast $600 of $500 budget - crosses on Nov 26");
        assertThat(byBudget.get("openai").at("/MessageAttributes/vendor/Value").asText()).isEqualTo("openai");
        assertThat(byBudget.get("anthropic/wrkspc_support").get("Subject").asText())
                .isEqualTo("[burnrate] support bot spend forecast $240 of $200 budget - crosses on Nov 26");
        assertThat(byBudget.get("anthropic/wrkspc_support").at("/MessageAttributes/vendor/Value").asText())
                .isEqualTo("anthropic");
        assertThat(aws.partition("ALERT#2026-11")).containsOnlyKeys("openai#FORECAST#100",
                "anthropic/wrkspc_support#FORECAST#100");
    }

    private record Cli(int status, String out, String err) {
    }

    /** bin/burnrate status, as an operator runs it, against moto's table (its --endpoint is for local runs). */
    private Cli status(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "bin/lib/status.py", "--region", "us-east-1",
                "--endpoint", motoEndpoint.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "BURNRATE_STATUS_NOW", "2026-11-20T10:30:00Z"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Cli(process.waitFor(), out, err);
    }

    @Test
    void aMonthSummaryKeepsEveryProjectABudgetNamesAndIsRebuiltWhenABudgetsProjectIsMissing() throws Exception {
        JsonNode full = check(event("scheduled.json"));

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> september =
                aws.partition("COST#2026-09").get("~summary").get("vendors").m().get("anthropic").m().get("days").m()
                        .get("14").m();
        // $8 in the support workspace, $5 in the default one: the day's total, and the budget's project by name
        assertThat(new java.math.BigDecimal(september.get("usd").n())).isEqualByComparingTo("13.00");
        assertThat(september.get("projects").m()).containsOnlyKeys("wrkspc_support");
        assertThat(new java.math.BigDecimal(september.get("projects").m().get("wrkspc_support").n()))
                .isEqualByComparingTo("8.00");

        // read from the summary, the workspace budget's forecast is the one from the month's days
        JsonNode summarised = check(event("scheduled.json"));
        assertThat(byField(summarised.get("budgets"), "id").get("anthropic/wrkspc_support").get("forecast"))
                .isEqualTo(byField(full.get("budgets"), "id").get("anthropic/wrkspc_support").get("forecast"));

        // a summary written before the workspace budget existed names no project: it is read in full and rewritten
        aws.dynamo().updateItem(u -> u.tableName(dev.burnrate.testing.LocalAws.TABLE).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("COST#2026-09"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("~summary")))
                .updateExpression("SET projectsKept = :none")
                .expressionAttributeValues(Map.of(":none",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(java.util.List.of()))));
        JsonNode again = check(event("scheduled.json"));

        assertThat(aws.partition("COST#2026-09").get("~summary").get("projectsKept").l())
                .extracting(software.amazon.awssdk.services.dynamodb.model.AttributeValue::s)
                .containsExactly("anthropic/wrkspc_support");
        assertThat(byField(again.get("budgets"), "id").get("anthropic/wrkspc_support").get("forecast"))
                .isEqualTo(byField(full.get("budgets"), "id").get("anthropic/wrkspc_support").get("forecast"));
    }

    @Test
    void statusShowsWhatTheLastCheckLeftInTheTable() throws Exception {
        Cli before = status("--table", dev.burnrate.testing.LocalAws.TABLE);
        assertThat(before.status()).isEqualTo(1);
        assertThat(before.err().strip()).isEqualTo("bin/burnrate status: table burnrate-test has no status yet: no check "
                + "has run since this version was deployed (invoke one with events/manual-check.json)");
        Cli missing = status("--table", "no-such-table");
        assertThat(missing.err().strip())
                .isEqualTo("bin/burnrate status: table no-such-table does not exist in this account and region");

        check(event("scheduled.json"));
        Cli cli = status("--table", dev.burnrate.testing.LocalAws.TABLE);

        assertThat(cli.status()).as(cli.err()).isZero();
        List<String> lines = cli.out().lines().toList();
        // $20 a day at OpenAI, $8 in the support workspace, $5 in Anthropic's default one: Nov 1-20 is 20 days
        assertThat(lines).contains("burnrate status · table burnrate-test",
                "last check 2026-11-20T10:00:00Z (scheduled), 30 min ago",
                "All vendors (total): $660.00 of $5,000.00 (13%); forecast $990.00 (P90 $990.00); "
                        + "does not cross this month at this pace",
                "OpenAI (openai): $400.00 of $500.00 (80%); forecast $600.00 (P90 $600.00); crosses on 2026-11-26",
                "support bot (anthropic/wrkspc_support): $160.00 of $200.00 (80%); forecast $240.00 (P90 $240.00); "
                        + "crosses on 2026-11-26",
                "Open alerts (2026-11):", "Runaway episodes:", "  none");
        // a column per day: twenty days of equal spend, ten to come
        assertThat(lines).contains("  daily   " + "\u2588".repeat(20) + "\u00b7".repeat(10));
        assertThat(lines.stream().filter(l -> l.contains("FORECAST#100")).map(String::strip).map(l -> l.split(" +")[1]))
                .containsExactlyInAnyOrder("anthropic/wrkspc_support#FORECAST#100", "openai#FORECAST#100");
        assertThat(lines.stream().filter(l -> l.startsWith("  openai ") || l.startsWith("  anthropic ")))
                .allSatisfy(l -> assertThat(l).endsWith("ok, figures fetched 30 min ago"));
    }
}
