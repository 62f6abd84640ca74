package dev.burnrate.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class BacktestCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int status, List<JsonNode> lines, String err) {
    }

    private Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BacktestCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    private Path daily(String name, LocalDate from, LocalDate to, String perDay) throws Exception {
        StringBuilder csv = new StringBuilder("date,vendor,cost_usd\n");
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            csv.append(d).append(",openai,").append(perDay).append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void printsOneLinePerDayAndASummaryWithTheLeadTime() throws Exception {
        Path file = daily("steady.csv", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30), "40");

        Run run = run("--month", "2026-11", "--budget", "1000", file.toString());

        assertThat(run.status()).isZero();
        assertThat(run.lines()).hasSize(31);
        JsonNode first = run.lines().get(0);
        assertThat(first.get("as_of").asText()).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(first.get("mtd_usd").decimalValue()).isEqualByComparingTo("40");
        assertThat(first.get("forecast_usd").decimalValue()).isEqualByComparingTo("1200");
        assertThat(first.get("crossing_date").asText()).isEqualTo("2026-11-26");
        assertThat(first.get("alerts")).extracting(JsonNode::asText).containsExactly("forecast_exceeds_budget");
        JsonNode last = run.lines().get(29);
        assertThat(last.get("as_of").asText()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(last.get("mtd_usd").decimalValue()).isEqualByComparingTo("1200");
        JsonNode summary = run.lines().get(30).get("summary");
        assertThat(summary.get("checks").asInt()).isEqualTo(30);
        // Nov 26 takes spend to $1,040; the check after it is the first to see the crossing
        assertThat(summary.get("crossed_at").asText()).isEqualTo("2026-11-27T00:00:00Z");
        assertThat(summary.get("warned_before_crossing").asBoolean()).isTrue();
        assertThat(summary.get("lead_days").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(summary.at("/alerts/forecast_exceeds_budget").asInt()).isEqualTo(1);
        assertThat(summary.at("/alerts/actual_exceeds_budget").asInt()).isEqualTo(1);
    }

    @Test
    void vendorBudgetsAlertUnderTheirOwnName() throws Exception {
        Path file = daily("steady.csv", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 10), "40");

        Run run = run("--month", "2026-11", "--budget", "5000", "--vendor-budget", "openai=800", file.toString());

        assertThat(run.lines().get(0).get("alerts")).extracting(JsonNode::asText)
                .containsExactly("openai:forecast_exceeds_budget");
    }

    @Test
    void catchesARunawayInAnHourlyFileWithinTheHour() throws Exception {
        StringBuilder csv = new StringBuilder("hour,vendor,cost_usd\n");
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        Instant loop = Instant.parse("2026-11-10T14:00:00Z");
        for (Instant h = start; h.isBefore(Instant.parse("2026-11-11T00:00:00Z")); h = h.plusSeconds(3600)) {
            int hour = h.atZone(java.time.ZoneOffset.UTC).getHour();
            double usd = (hour >= 8 && hour < 19 ? 2.0 : 0.5) + (h.getEpochSecond() / 3600 % 7) * 0.05;
            if (!h.isBefore(loop)) {
                usd += 20.0;
            }
            csv.append(h).append(",openai,").append(String.format(java.util.Locale.ROOT, "%.2f", usd)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("hourly.csv"), csv);

        Run run = run("--month", "2026-11", "--budget", "100000", file.toString());

        List<JsonNode> withRunaway = run.lines().stream()
                .filter(l -> l.has("alerts") && l.get("alerts").toString().contains("runaway")).toList();
        assertThat(withRunaway).hasSize(1);
        assertThat(withRunaway.get(0).get("as_of").asText()).isEqualTo("2026-11-10T15:00:00Z");
        assertThat(withRunaway.get(0).get("alerts")).extracting(JsonNode::asText).containsExactly("runaway:openai");
        JsonNode summary = run.lines().get(run.lines().size() - 1).get("summary");
        assertThat(summary.get("granularity").asText()).isEqualTo("hourly");
        assertThat(summary.at("/runaway_alerts/0/started_at").asText()).isEqualTo("2026-11-10T14:00:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "date,vendor,cost\\n2026-11-01,openai,1 | bad.csv:1: the header must be date,vendor,cost_usd, hour,vendor,cost_usd or slot,vendor,cost_usd, not date,vendor,cost",
            "date,vendor,cost_usd\\n2026-11-01,openai,$12 | bad.csv:2: column 'cost_usd': '$12' is not a number",
            "date,vendor,cost_usd\\n2026-11-01,openai,1\\n2026-11-31,openai,1 | bad.csv:3: column 'date': '2026-11-31' is not a UTC day like 2026-11-03",
            "hour,vendor,cost_usd\\n2026-11-01T10:30:00Z,openai,1 | bad.csv:2: column 'hour': '2026-11-01T10:30:00Z' is not the start of an hour",
            "date,vendor,cost_usd\\n2026-11-01,,1 | bad.csv:2: column 'vendor' is empty",
            "date,vendor,cost_usd\\n2026-11-01,openai | bad.csv:2: expected 3 columns (date,vendor,cost_usd), found 2",
            "date,vendor,cost_usd | bad.csv: the file has a header but no rows",
            "date,vendor,cost_usd\\n\\n2026-11-01, openai ,1\\n2026-11-02,openai,x | bad.csv:4: column 'cost_usd': 'x' is not a number",
            "date,vendor,cost_usd\\n2026-11-01,\"openai,1 | bad.csv: not valid CSV: Missing closing quote for value (line 2)",
    })
    void aBadFileIsNamedWithItsLineAndColumn(String content, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.csv"), content.replace("\\n", "\n"));

        Run run = run("--month", "2026-11", "--budget", "1000", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("backtest: " + file.getParent() + "/" + message);
        assertThat(run.lines()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "--budget 1000 x.csv | --month YYYY-MM is required",
            "--month 2026-13 --budget 1000 x.csv | --month '2026-13' is not a month like 2026-11",
            "--month 2026-11 x.csv | --budget USD is required",
            "--month 2026-11 --budget lots x.csv | --budget 'lots' is not a USD amount like 5000 or 2500.50",
            "--month 2026-11 --budget 1000 --vendor-budget openai x.csv | --vendor-budget 'openai' must be VENDOR=USD",
            "--month 2026-11 --budget 1000 --forecaster magic x.csv | --forecaster 'magic' must be burnrate or naive",
            "--month 2026-11 --budget 1000 | no FILE given",
            "--month 2026-11 --budget 1000 --verbose x.csv | unknown option --verbose",
            "--month 2026-11 --budget 1000 --forecast-confirm-days 0 x.csv | --forecast-confirm-days '0' must be a number of days from 1 (alert at once) to 14",
            "--month 2026-11 --budget 1000 --forecast-confirm-days 15 x.csv | --forecast-confirm-days '15' must be a number of days from 1 (alert at once) to 14",
            "--month 2026-11 --budget 1000 --forecast-confirm-days five x.csv | --forecast-confirm-days 'five' must be a number of days from 1 (alert at once) to 14",
    })
    void aWrongCommandLineExitsTwoWithTheReason(String args, String message) throws Exception {
        Run run = run(args.split(" "));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("backtest: " + message).contains("usage: bin/burnrate backtest");
    }

    @Test
    void aNarrowForecastFarAheadIsShownConfirmingUntilItHasHeldForTheConfirmationDays() throws Exception {
        // $35 a day from Oct 1: $1,050 for November, 5% over a $1,000 budget, crossing on the 29th (1,015): narrow
        // and far, so the checks at 00:00 on Nov 2 to 4 say it is confirming; the check at Nov 5 has forecasts over
        // it on the 1st to the 5th (the days before the month do not count) and sends it. Spend passes the budget
        // on the 29th, which the check at Nov 30 00:00 sees: 28 days after Nov 2, 25 after Nov 5
        Path file = daily("narrow.csv", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30), "35");

        Run defaults = run("--month", "2026-11", "--budget", "1000", file.toString());
        Run atOnce = run("--month", "2026-11", "--budget", "1000", "--forecast-confirm-days", "1", file.toString());

        assertThat(defaults.lines().get(0).get("as_of").asText()).isEqualTo("2026-11-02T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            assertThat(defaults.lines().get(i).get("confirming")).extracting(JsonNode::asText)
                    .as(defaults.lines().get(i).get("as_of").asText()).containsExactly("forecast_exceeds_budget");
            assertThat(defaults.lines().get(i).get("alerts")).isEmpty();
        }
        assertThat(defaults.lines().get(3).get("as_of").asText()).isEqualTo("2026-11-05T00:00:00Z");
        assertThat(defaults.lines().get(3).get("alerts")).extracting(JsonNode::asText)
                .containsExactly("forecast_exceeds_budget");
        assertThat(defaults.lines().get(4).get("confirming")).isEmpty();
        assertThat(defaults.lines().get(30).at("/summary/first_warning_at").asText()).isEqualTo("2026-11-05T00:00:00Z");
        assertThat(atOnce.lines().get(0).get("alerts")).extracting(JsonNode::asText)
                .containsExactly("forecast_exceeds_budget");
        assertThat(atOnce.lines().get(30).at("/summary/lead_days").decimalValue()).isEqualByComparingTo("28.00");
        assertThat(defaults.lines().get(30).at("/summary/lead_days").decimalValue()).isEqualByComparingTo("25.00");
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BacktestCommand.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: bin/burnrate backtest --month YYYY-MM");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aVendorBudgetForAVendorWithNoSpendInTheFilesIsRefused() throws Exception {
        Path file = daily("spend.csv", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), "40");

        Run run = run("--month", "2026-11", "--budget", "1000", "--vendor-budget", "opnai=100", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("backtest: --vendor-budget opnai: no row of " + file
                + " has that vendor; the vendors in the files are openai\n");
        assertThat(run.lines()).isEmpty();
    }

    @Test
    void aFileWithoutDataInTheMonthIsNamed() throws Exception {
        Path file = daily("old.csv", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30), "40");

        Run run = run("--month", "2026-11", "--budget", "1000", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("backtest: " + file + ": has no data in 2026-11\n");
    }
}
