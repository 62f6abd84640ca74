package dev.burnrate.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.alert.Severity;

/**
 * A rendered alert: for people (subject, text, HTML) and for machines ({@link #json()}: the same content as
 * fields).
 *
 * @param kind     the alert kind ({@code forecast_exceeds_budget}, ...), an SNS message attribute
 * @param budgetId the budget it is about ({@code total}, {@code openai}, ...), an SNS message attribute
 * @param vendor   the vendor it is about, or null for all vendors; an SNS message attribute when set
 * @param subject  at most {@value #MAX_SUBJECT} printable ASCII characters (SNS's limit for e-mail subjects)
 * @param content  the structured content the text and HTML were rendered from
 * @param incident what on-call tools track as one incident ({@link dev.burnrate.alert.AlertKey#incident()}), or null
 *                 for news that is no incident (the digest)
 * @param resolves true when this message ends its incident (a recovery, a runaway over or accepted)
 * @param incidentSeverity how severe the incident is: this message's own severity when it raises one, the severity of
 *                 the alert it ends when it resolves one (so an incident that was never paged is not resolved either)
 */
public record AlertMessage(String kind, Severity severity, String budgetId, String vendor, String subject,
        String text, String html, Content content, String incident, boolean resolves, Severity incidentSeverity) {

    public static final int MAX_SUBJECT = 99;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param facts label to value, in order
     * @param notes what to know to trust the figures (stale vendors, held drops, other currencies, usage left out
     *              of a cost report)
     */
    public record Content(String headline, String summary, Map<String, String> facts, List<String> advice,
            String asOf, List<String> notes) {

        public Content {
            facts = facts == null ? Map.of() : new LinkedHashMap<>(facts);
            advice = advice == null ? List.of() : List.copyOf(advice);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        public Content(String headline, String summary, Map<String, String> facts, List<String> advice,
                String asOf) {
            this(headline, summary, facts, advice, asOf, List.of());
        }
    }

    public AlertMessage {
        incidentSeverity = incidentSeverity == null ? severity : incidentSeverity;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(budgetId, "budgetId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(content, "content");
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT
                || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("subject must be 1-" + MAX_SUBJECT
                    + " printable ASCII characters, got: " + subject);
        }
    }

    /** The whole message as JSON, as the outbox keeps it until every channel took it. */
    public String stored() {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", kind).put("severity", severity.name()).put("budgetId", budgetId).put("vendor", vendor)
                .put("subject", subject).put("text", text).put("html", html)
                .put("headline", content.headline()).put("summary", content.summary()).put("asOf", content.asOf())
                .put("incident", incident).put("resolves", resolves)
                .put("incidentSeverity", incidentSeverity == null ? null : incidentSeverity.name());
        ObjectNode facts = node.putObject("facts");
        content.facts().forEach(facts::put);
        ArrayNode advice = node.putArray("advice");
        content.advice().forEach(advice::add);
        ArrayNode notes = node.putArray("notes");
        content.notes().forEach(notes::add);
        return node.toString();
    }

    /**
     * Reads {@link #stored()} back.
     *
     * @throws IllegalArgumentException when the text is not a stored message
     */
    public static AlertMessage fromStored(String stored) {
        try {
            JsonNode node = JSON.readTree(stored);
            Map<String, String> facts = new LinkedHashMap<>();
            node.path("facts").fields().forEachRemaining(e -> facts.put(e.getKey(), e.getValue().asText()));
            List<String> advice = new ArrayList<>();
            node.path("advice").forEach(a -> advice.add(a.asText()));
            List<String> notes = new ArrayList<>();
            node.path("notes").forEach(n -> notes.add(n.asText()));
            return new AlertMessage(node.path("kind").asText(), Severity.valueOf(node.path("severity").asText()),
                    node.path("budgetId").asText(), node.hasNonNull("vendor") ? node.get("vendor").asText() : null,
                    node.path("subject").asText(), node.path("text").asText(), node.path("html").asText(),
                    new Content(text(node, "headline"), text(node, "summary"), facts, advice, text(node, "asOf"),
                            notes), text(node, "incident"), node.path("resolves").asBoolean(false),
                    node.hasNonNull("incidentSeverity") ? Severity.valueOf(node.get("incidentSeverity").asText()) : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a stored alert message: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** The message for machines: kind, severity, budget, vendor, subject and the content, as one JSON object. */
    public String json() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("severity", severity.wireName());
        body.put("budget", budgetId);
        body.put("vendor", vendor);
        body.put("subject", subject);
        body.put("headline", content.headline());
        body.put("summary", content.summary());
        body.put("facts", content.facts());
        body.put("advice", content.advice());
        body.put("notes", content.notes());
        body.put("asOf", content.asOf());
        body.put("incident", incident);
        body.put("resolves", resolves);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert as JSON", e);
        }
    }
}
