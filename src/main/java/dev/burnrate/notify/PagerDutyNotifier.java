package dev.burnrate.notify;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.alert.Severity;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;

/**
 * Sends alerts to PagerDuty's Events API v2 ({@code pagerDutyRoutingKey} in the secret: the integration key of an
 * "Events API v2" integration on a service). Each alert's incident ({@link AlertMessage#incident()}) is the event's
 * {@code dedup_key}, so the lifecycle maps onto one PagerDuty alert: a budget alert or a runaway triggers, its
 * reminders and escalations trigger again under the same key (PagerDuty adds them to the open alert), and a recovery,
 * a runaway's end or its acceptance resolves it. Incidents below {@code burnrate.notify.pagerduty.min-severity}
 * (warning by default) are neither triggered nor resolved, and the digest is never sent.
 */
@ApplicationScoped
public class PagerDutyNotifier implements Notifier {

    static final String SECRET = "pagerDutyRoutingKey";
    /** PagerDuty's limits: a summary of 1,024 characters, a dedup_key of 255. */
    private static final int MAX_SUMMARY = 1024;
    private static final int MAX_DEDUP_KEY = 255;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BurnrateConfig.Notify.PagerDuty config;

    PagerDutyNotifier(BurnrateConfig config) {
        this.config = config.channels().pagerduty();
    }

    @Override
    public String channel() {
        return "pagerduty";
    }

    @Override
    public boolean enabled(Secrets secrets) {
        return secrets.value(SECRET).isPresent();
    }

    @Override
    public boolean carries(AlertMessage message) {
        return pages(message, config.minSeverity());
    }

    /** True when {@code message} raises or ends an incident at least {@code least} severe. */
    static boolean pages(AlertMessage message, Severity least) {
        return message.incident() != null && message.incidentSeverity().compareTo(least) >= 0;
    }

    @Override
    public String send(AlertMessage message, Secrets secrets) {
        String answer = HttpPost.json(channel(), "PagerDuty Events API", config.url().toString(),
                event(message, secrets.value(SECRET).orElseThrow()).toString(), Optional.empty());
        String dedupKey = dedupKey(message);
        try {
            JsonNode node = JSON.readTree(answer == null ? "" : answer);
            if (node != null && node.hasNonNull("dedup_key")) {
                dedupKey = node.get("dedup_key").asText();
            }
        } catch (Exception e) {
            // a 2xx answer is what counts; its body is only the receipt
        }
        return "pagerduty:" + dedupKey;
    }

    static ObjectNode event(AlertMessage message, String routingKey) {
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", routingKey);
        event.put("event_action", message.resolves() ? "resolve" : "trigger");
        event.put("dedup_key", dedupKey(message));
        if (message.resolves()) {
            return event;
        }
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", cut(message.subject().replaceFirst("^\\[burnrate\\] ", ""), MAX_SUMMARY));
        payload.put("source", "burnrate");
        // PagerDuty's severities include burnrate's three under the same names
        payload.put("severity", message.severity().wireName());
        payload.put("component", message.vendor() == null ? "all vendors" : message.vendor());
        payload.put("group", message.budgetId());
        payload.put("class", message.kind());
        ObjectNode details = payload.putObject("custom_details");
        details.put("summary", message.content().summary());
        message.content().facts().forEach(details::put);
        if (!message.content().notes().isEmpty()) {
            message.content().notes().forEach(details.putArray("notes")::add);
        }
        if (!message.content().advice().isEmpty()) {
            message.content().advice().forEach(details.putArray("advice")::add);
        }
        details.put("as of", message.content().asOf());
        event.put("client", "burnrate");
        return event;
    }

    static String dedupKey(AlertMessage message) {
        return cut("burnrate/" + message.incident(), MAX_DEDUP_KEY);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
