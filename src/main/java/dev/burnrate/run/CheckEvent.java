package dev.burnrate.run;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one invocation asks for.
 *
 * @param trigger {@code scheduled} (EventBridge), {@code manual}, or {@code pulse} (the pulse schedule's
 *                {@code {"pulse": true}}, or the same by hand)
 * @param dryRun  compute and report, but send nothing and claim no alert
 * @param asOf    replay the stored ledger as of this past instant: no vendor is called, nothing is stored or sent
 */
public record CheckEvent(String trigger, boolean dryRun, Optional<Instant> asOf) {

    private static final Set<String> MANUAL_FIELDS = Set.of("dryRun", "asOf", "pulse");
    private static final String EXPECTED = "expected an EventBridge scheduled event (events/scheduled.json) or a "
            + "manual check such as {\"dryRun\": true, \"asOf\": \"2026-11-15T12:00:00Z\"}";

    public CheckEvent {
        asOf = asOf == null ? Optional.empty() : asOf;
    }

    /** True for a pulse: only the fast sources are read, and only runaways are judged. */
    public boolean pulse() {
        return "pulse".equals(trigger);
    }

    /** Reads an invocation event. */
    public static CheckEvent parse(JsonNode event) {
        if (event == null || event.isNull() || event.isMissingNode()) {
            throw new InvalidEventException("The event is empty; " + EXPECTED + ".");
        }
        if (!event.isObject()) {
            throw new InvalidEventException("The event must be a JSON object but is " + describe(event) + "; "
                    + EXPECTED + ".");
        }
        if (event.has("source") || event.has("detail-type")) {
            return scheduled(event);
        }
        return manual(event);
    }

    private static CheckEvent scheduled(JsonNode event) {
        String source = event.path("source").asText("");
        String detailType = event.path("detail-type").asText("");
        if (!"aws.events".equals(source) || !"Scheduled Event".equals(detailType)) {
            throw new InvalidEventException("Unsupported EventBridge event: source '" + source + "', detail-type '"
                    + detailType + "'; burnrate handles detail-type 'Scheduled Event' from source 'aws.events'.");
        }
        JsonNode time = event.get("time");
        if (time != null && !time.isNull()) {
            parseInstant("time", time);
        }
        return new CheckEvent("scheduled", false, Optional.empty());
    }

    private static CheckEvent manual(JsonNode event) {
        for (Iterator<String> names = event.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!MANUAL_FIELDS.contains(name)) {
                throw new InvalidEventException("Unknown field '" + name + "' in a manual check event; the fields "
                        + "are dryRun (true or false), asOf (an ISO-8601 instant) and pulse (true or false).");
            }
        }
        boolean dryRun = false;
        JsonNode dry = event.get("dryRun");
        if (dry != null && !dry.isNull()) {
            if (!dry.isBoolean()) {
                throw new InvalidEventException("Field 'dryRun' must be true or false but is " + describe(dry) + ".");
            }
            dryRun = dry.booleanValue();
        }
        JsonNode asOf = event.get("asOf");
        Optional<Instant> instant = asOf == null || asOf.isNull() ? Optional.empty()
                : Optional.of(parseInstant("asOf", asOf));
        boolean pulse = false;
        JsonNode pulseField = event.get("pulse");
        if (pulseField != null && !pulseField.isNull()) {
            if (!pulseField.isBoolean()) {
                throw new InvalidEventException("Field 'pulse' must be true or false but is " + describe(pulseField)
                        + ".");
            }
            pulse = pulseField.booleanValue();
        }
        if (pulse && instant.isPresent()) {
            throw new InvalidEventException("Fields 'pulse' and 'asOf' do not go together: a pulse reads the vendors' "
                    + "last minutes as they are now; asOf replays the stored days of an hourly check.");
        }
        return new CheckEvent(pulse ? "pulse" : "manual", dryRun, instant);
    }

    private static Instant parseInstant(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw new InvalidEventException("Field '" + field + "' must be an ISO-8601 instant such as "
                    + "\"2026-11-15T12:00:00Z\" but is " + describe(value) + ".");
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("Field '" + field + "' must be an ISO-8601 instant such as "
                    + "\"2026-11-15T12:00:00Z\" but is \"" + value.asText() + "\".");
        }
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shown;
    }
}
