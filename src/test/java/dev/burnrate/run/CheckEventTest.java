package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class CheckEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CheckEvent parse(String json) throws Exception {
        return CheckEvent.parse(JSON.readTree(json));
    }

    @Test
    void readsTheSampleEventsShippedInEvents() throws Exception {
        CheckEvent scheduled = parse(Files.readString(Path.of("events/scheduled.json")));
        assertThat(scheduled).isEqualTo(new CheckEvent("scheduled", false, java.util.Optional.empty()));

        CheckEvent manual = parse(Files.readString(Path.of("events/manual-check.json")));
        assertThat(manual.trigger()).isEqualTo("manual");
        assertThat(manual.dryRun()).isTrue();
        assertThat(manual.asOf()).isEmpty();

        CheckEvent replay = parse(Files.readString(Path.of("events/manual-asof.json")));
        assertThat(replay.asOf()).contains(Instant.parse("2026-11-15T12:00:00Z"));
    }

    @Test
    void anEmptyObjectIsAPlainManualCheck() throws Exception {
        assertThat(parse("{}")).isEqualTo(new CheckEvent("manual", false, java.util.Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "null | The event is empty; expected an EventBridge scheduled event",
            "[1, 2] | The event must be a JSON object but is array [1,2]",
            "\"check\" | The event must be a JSON object but is string \"check\"",
            "{\"dryrun\": true} | Unknown field 'dryrun' in a manual check event",
            "{\"dryRun\": 1} | Field 'dryRun' must be true or false but is number 1.",
            "{\"asOf\": \"yesterday\"} | Field 'asOf' must be an ISO-8601 instant such as \"2026-11-15T12:00:00Z\" but is \"yesterday\".",
            "{\"asOf\": 1763200000} | Field 'asOf' must be an ISO-8601 instant such as \"2026-11-15T12:00:00Z\" but is number 1763200000.",
            "{\"source\": \"aws.events\", \"detail-type\": \"Object Created\"} | Unsupported EventBridge event: source 'aws.events', detail-type 'Object Created'",
            "{\"source\": \"aws.events\", \"detail-type\": \"Scheduled Event\", \"time\": \"noon\"} | Field 'time' must be an ISO-8601 instant",
    })
    void rejectsEventsItCannotReadNamingWhatIsWrong(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidEventException.class).hasMessageStartingWith(message);
    }

    @Test
    void thePulseEventIsAPulseAndRefusesAReplayOrANonBoolean() throws Exception {
        CheckEvent pulse = parse(Files.readString(Path.of("events/pulse.json")));
        assertThat(pulse).isEqualTo(new CheckEvent("pulse", false, java.util.Optional.empty()));
        assertThat(pulse.pulse()).isTrue();
        assertThat(parse("{\"pulse\": true, \"dryRun\": true}").dryRun()).isTrue();
        assertThat(parse("{\"pulse\": false}").pulse()).isFalse();
        assertThatThrownBy(() -> parse("{\"pulse\": true, \"asOf\": \"2026-11-15T12:00:00Z\"}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("'pulse' and 'asOf'");
        assertThatThrownBy(() -> parse("{\"pulse\": \"yes\"}")).isInstanceOf(InvalidEventException.class)
                .hasMessage("Field 'pulse' must be true or false but is string \"yes\".");
    }
}
