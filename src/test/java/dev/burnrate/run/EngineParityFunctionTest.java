package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.backtest.BacktestCommand;
import dev.burnrate.ledger.DailySnapshot;
import dev.burnrate.ledger.HourlyPoint;
import dev.burnrate.ledger.Ledger;
import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The backtest decides exactly as the function: the same hourly spend (OpenAI and Anthropic, with a 76-hour
 * OpenAI runaway that also pushes the month's forecast over its $1,000 budget) go hour by hour through the function's
 * path (stored in DynamoDB, one scheduled check an hour, messages read back from SNS through SQS) and through the
 * backtest command, and both must send the same messages at the same checks.
 */
@QuarkusTest
@QuarkusTestResource(LocalWorldResource.class)
class EngineParityFunctionTest extends FunctionTestSupport {

    private static final Instant HISTORY = Instant.parse("2026-10-25T00:00:00Z");
    private static final Instant MONTH = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-04T18:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Inject
    Ledger ledger;

    @Inject
    CheckService service;

    /**
     * A week of history (a fresh deployment), then business hours; OpenAI 60%, Anthropic 40%; OpenAI at 20 times
     * from Nov 1 09:00 for 76 hours, longer than the 72 hours the detector once looked back.
     */
    private static Map<String, NavigableMap<Instant, BigDecimal>> spend() {
        Map<String, NavigableMap<Instant, BigDecimal>> hours = new TreeMap<>();
        for (Instant h = HISTORY; h.isBefore(END); h = h.plus(HOUR)) {
            var t = h.atZone(ZoneOffset.UTC);
            boolean business = t.getDayOfWeek().getValue() <= 5 && t.getHour() >= 8 && t.getHour() < 19;
            BigDecimal usual = new BigDecimal(business ? "1.60" : "0.40")
                    .multiply(BigDecimal.ONE.add(BigDecimal.valueOf((h.getEpochSecond() / 3600 * 7919) % 11 - 5, 2)));
            boolean runaway = !h.isBefore(Instant.parse("2026-11-01T09:00:00Z"))
                    && h.isBefore(Instant.parse("2026-11-04T13:00:00Z"));
            BigDecimal openai = usual.multiply(new BigDecimal("0.6")).multiply(BigDecimal.valueOf(runaway ? 20 : 1));
            hours.computeIfAbsent("openai", v -> new TreeMap<>()).put(h, openai.setScale(4, RoundingMode.HALF_UP));
            hours.computeIfAbsent("anthropic", v -> new TreeMap<>()).put(h,
                    usual.multiply(new BigDecimal("0.4")).setScale(4, RoundingMode.HALF_UP));
        }
        return hours;
    }

    @Test
    void theBacktestSendsWhatTheFunctionSendsCheckByCheck() throws Exception {
        Map<String, NavigableMap<Instant, BigDecimal>> spend = spend();

        Map<String, List<String>> replayed = backtest(spend);

        aws.putSecrets(Map.of()); // no vendor key: the test is the vendors, writing what they would have billed
        spend.forEach((vendor, hours) -> hours.headMap(MONTH, false).keySet().stream()
                .map(h -> h.atZone(ZoneOffset.UTC).toLocalDate()).distinct()
                .forEach(day -> store(vendor, hours, day, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())));
        Map<String, List<String>> function = new TreeMap<>();
        for (Instant asOf = MONTH.plus(HOUR); !asOf.isAfter(END); asOf = asOf.plus(HOUR)) {
            Instant hour = asOf.minus(HOUR);
            for (var vendor : spend.entrySet()) {
                store(vendor.getKey(), vendor.getValue(), hour.atZone(ZoneOffset.UTC).toLocalDate(), asOf);
            }
            clock.set(asOf);
            service.run(new CheckEvent("scheduled", false, java.util.Optional.empty()), "parity");
            List<String> sent = new ArrayList<>();
            for (JsonNode message : aws.snsMessages()) {
                sent.add(label(message.at("/MessageAttributes/kind/Value").asText(),
                        message.at("/MessageAttributes/budget/Value").asText(),
                        message.at("/MessageAttributes/vendor/Value").asText(null)));
            }
            if (!sent.isEmpty()) {
                function.put(asOf.toString(), sent.stream().sorted().toList());
            }
        }

        assertThat(function).isEqualTo(replayed);
        // and what they agree on is what a user should get: one runaway, a reminder a day, one end, the budget
        List<String> all = function.values().stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn("runaway:openai"::equals).hasSize(1);
        assertThat(all).filteredOn("runaway_reminder:openai"::equals).hasSize(3);
        assertThat(all).filteredOn("runaway_over:openai"::equals).hasSize(1);
        assertThat(all).contains("forecast_exceeds_budget");
        assertThat(function.get("2026-11-01T10:00:00Z")).contains("runaway:openai");
        assertThat(function.get("2026-11-04T16:00:00Z")).contains("runaway_over:openai");
    }

    /** Writes a vendor's hours of {@code day} before {@code until} as the collectors do: hourly points and the day. */
    private void store(String vendor, NavigableMap<Instant, BigDecimal> hours, LocalDate day, Instant until) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        var today = hours.subMap(start, true, until, false);
        ledger.putHourly(vendor, day, today.entrySet().stream()
                .map(e -> new HourlyPoint(e.getKey(), e.getValue(), 0, 0, null)).toList());
        BigDecimal total = today.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        ledger.putDays(List.of(new DailySnapshot(new DailyCost(vendor, day,
                List.of(new CostLine("default", "usage", total, null, null))), until, false)));
    }

    /** The backtest command over the same spend as CSV: each check's messages, labelled as the function's. */
    private static Map<String, List<String>> backtest(Map<String, NavigableMap<Instant, BigDecimal>> spend)
            throws Exception {
        Path csv = Files.createTempFile("parity-", ".csv");
        StringBuilder rows = new StringBuilder("hour,vendor,cost_usd\n");
        spend.forEach((vendor, hours) -> hours.forEach((h, usd) -> rows.append(h).append(',').append(vendor)
                .append(',').append(usd.toPlainString()).append('\n')));
        Files.writeString(csv, rows);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BacktestCommand.run(new String[] {"--month", "2026-11", "--budget", "1000", csv.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Map<String, List<String>> checks = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (node.has("alerts") && node.get("alerts").size() > 0) {
                List<String> labels = new ArrayList<>();
                node.get("alerts").forEach(a -> labels.add(a.asText().startsWith("recovered:") ? "recovered"
                        : a.asText()));
                checks.put(node.get("as_of").asText(), labels.stream().sorted().toList());
            }
        }
        return checks;
    }

    /** The backtest's label of a message: its kind for the total budget, {@code kind:vendor} for a vendor's episode. */
    private static String label(String kind, String budget, String vendor) {
        if (kind.equals("recovered")) {
            return kind;
        }
        if (kind.startsWith("runaway") || kind.equals("stale_data") || kind.equals("usage_unread")) {
            return kind + ":" + vendor;
        }
        return budget.equals("total") ? kind : budget + ":" + kind;
    }
}
