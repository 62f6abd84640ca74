package dev.burnrate.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code bin/burnrate pulse-replay}: five-minute files through the pulse's decision path, and every bad input. */
class PulseReplayTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PulseReplay.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** 35 days of $0.10 slots; from {@code loop} on, $10 a slot (100 times). */
    private Path file(Instant loop) throws Exception {
        StringBuilder csv = new StringBuilder("slot,vendor,cost_usd\n");
        Instant start = Instant.parse("2026-10-05T00:00:00Z");
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(35))); t = t.plus(Duration.ofMinutes(5))) {
            csv.append(t).append(",openai,").append(loop != null && !t.isBefore(loop) ? "10" : "0.10").append('\n');
        }
        Path file = dir.resolve("slots.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void aLoopIsAnnouncedByThePulseAtTheEndOfItsFirstSlotOnceAndAnHourlyReplayOnlyAfterItsHour() throws Exception {
        Path file = file(Instant.parse("2026-11-06T14:20:00Z"));

        Run pulse = run("--from", "2026-11-02T00:00:00Z", file.toString());
        Run hourly = run("--from", "2026-11-02T00:00:00Z", "--hourly-only", file.toString());

        assertThat(pulse.status()).as(pulse.err()).isZero();
        JsonNode alerts = new ObjectMapper().readTree(pulse.out()).get("runaway_alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("alerted_at").asText()).isEqualTo("2026-11-06T14:25:00Z");
        assertThat(alerts.get(0).get("since").asText()).isEqualTo("2026-11-06T14:20:00Z");
        assertThat(alerts.get(0).get("window_minutes").asInt()).isEqualTo(5);
        // the hour 14:00 is 8 slots of $10 and 4 of $0.10: a runaway hour, judged at 15:00
        JsonNode byHour = new ObjectMapper().readTree(hourly.out()).get("runaway_alerts");
        assertThat(byHour).hasSize(1);
        assertThat(byHour.get(0).get("alerted_at").asText()).isEqualTo("2026-11-06T15:00:00Z");
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() throws Exception {
        assertThat(run().err()).startsWith("no FILE given");
        assertThat(run("--from").status()).isEqualTo(2);
        assertThat(run("--from", "yesterday", "x.csv").err())
                .startsWith("--from 'yesterday' is not an ISO-8601 instant");
        assertThat(run("--fast", "x.csv").err()).startsWith("unknown option --fast");
        Path hourly = dir.resolve("hourly.csv");
        Files.writeString(hourly, "hour,vendor,cost_usd\n2026-11-01T00:00:00Z,openai,1\n");
        Run notSlots = run(hourly.toString());
        assertThat(notSlots.status()).isEqualTo(1);
        assertThat(notSlots.err()).contains("the header must be slot,vendor,cost_usd for a pulse replay");
        Path offGrid = dir.resolve("off.csv");
        Files.writeString(offGrid, "slot,vendor,cost_usd\n2026-11-01T00:03:00Z,openai,1\n");
        assertThat(run(offGrid.toString()).err()).isEqualTo(offGrid
                + ":2: column 'slot': '2026-11-01T00:03:00Z' is not the start of a five-minute slot\n");
        assertThat(run("--help").out()).startsWith("usage: bin/burnrate pulse-replay");
    }
}
