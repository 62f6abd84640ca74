package dev.burnrate.notify;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.config.Secrets;

/**
 * Posts alerts to a Slack incoming webhook ({@code slackWebhookUrl} in the secret) as Block Kit blocks: a
 * header, the summary, the key figures as fields, the advice, the notes on the figures and a footer; {@code text} is the fallback
 * for notifications.
 */
@ApplicationScoped
public class SlackNotifier implements Notifier {

    static final String SECRET = "slackWebhookUrl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String channel() {
        return "slack";
    }

    @Override
    public boolean enabled(Secrets secrets) {
        return secrets.value(SECRET).isPresent();
    }

    @Override
    public String send(AlertMessage message, Secrets secrets) {
        HttpPost.json(channel(), "Slack webhook", secrets.value(SECRET).orElseThrow(), blocks(message).toString(),
                Optional.empty());
        return "slack:" + message.kind();
    }

    static ObjectNode blocks(AlertMessage message) {
        AlertMessage.Content content = message.content();
        ObjectNode body = JSON.createObjectNode();
        body.put("text", message.subject());
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text")
                .put("text", truncate(content.headline(), 150));
        section(blocks, content.summary());
        if (!content.facts().isEmpty()) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            for (Map.Entry<String, String> fact : content.facts().entrySet()) {
                if (fields.size() < 10) {
                    fields.addObject().put("type", "mrkdwn").put("text", "*" + escape(fact.getKey()) + "*\n"
                            + escape(fact.getValue()));
                }
            }
        }
        for (String advice : content.advice()) {
            section(blocks, ":bulb: " + advice);
        }
        // what to know to trust the figures (stale vendors, held drops, uncounted currencies): never left out
        for (String note : content.notes()) {
            section(blocks, ":warning: " + note);
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", escape("burnrate · " + message.kind() + " · " + message.severity().wireName()
                        + " · as of " + content.asOf()));
        return body;
    }

    private static void section(ArrayNode blocks, String text) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", truncate(escape(text), 3000));
    }

    /** Slack's mrkdwn needs &, < and > escaped; vendor labels are shown as text, never as links or mentions. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
