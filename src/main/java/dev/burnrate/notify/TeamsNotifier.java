package dev.burnrate.notify;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.alert.Severity;
import dev.burnrate.config.Secrets;

/**
 * Posts alerts to Microsoft Teams through a Workflows webhook ({@code teamsWebhookUrl} in the secret: the URL of a
 * "When a Teams webhook request is received" flow, which posts the card to a channel or chat). The body is a message
 * with one Adaptive Card (version 1.4, what Teams renders): headline, summary, the figures as a FactSet, advice, the
 * notes on the figures and a footer. Workflows take Adaptive Cards only, not the retired connectors' MessageCard.
 * Vendor-provided text is escaped: Adaptive Card markdown and {@code {{DATE()}}} functions never act on it.
 */
@ApplicationScoped
public class TeamsNotifier implements Notifier {

    static final String SECRET = "teamsWebhookUrl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String channel() {
        return "teams";
    }

    @Override
    public boolean enabled(Secrets secrets) {
        return secrets.value(SECRET).isPresent();
    }

    @Override
    public String send(AlertMessage message, Secrets secrets) {
        HttpPost.json(channel(), "Teams workflow webhook", secrets.value(SECRET).orElseThrow(),
                card(message).toString(), Optional.empty());
        return "teams:" + message.kind();
    }

    static ObjectNode card(AlertMessage message) {
        AlertMessage.Content content = message.content();
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.putObject("msteams").put("width", "Full");
        ArrayNode items = card.putArray("body");
        text(items, content.headline()).put("size", "Large").put("weight", "Bolder")
                .put("color", color(message.severity()));
        text(items, content.summary());
        if (!content.facts().isEmpty()) {
            ArrayNode facts = items.addObject().put("type", "FactSet").putArray("facts");
            for (Map.Entry<String, String> fact : content.facts().entrySet()) {
                facts.addObject().put("title", escape(fact.getKey())).put("value", escape(fact.getValue()));
            }
        }
        for (String advice : content.advice()) {
            text(items, "Tip: " + advice);
        }
        for (String note : content.notes()) {
            text(items, note).put("color", "Warning");
        }
        text(items, "burnrate · " + message.kind() + " · " + message.severity().wireName() + " · as of "
                + content.asOf()).put("isSubtle", true).put("size", "Small");
        return body;
    }

    private static ObjectNode text(ArrayNode items, String text) {
        return items.addObject().put("type", "TextBlock").put("text", escape(text)).put("wrap", true);
    }

    private static String color(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "Attention";
            case WARNING -> "Warning";
            case INFO -> "Accent";
        };
    }

    /**
     * Adaptive Card text is a markdown subset (bold and italics, links, lists) with {@code {{DATE(..)}}} and
     * {@code {{TIME(..)}}} functions. What can start one of those is escaped with a backslash (CommonMark's escape):
     * {@code * _ [ ] \ `}, a {@code {{}, and a list marker at the start of a line ({@code - + 1.}). So a label such as
     * {@code [click](https://evil.example)} or {@code **urgent**} arrives as the characters it is, and ordinary
     * text (amounts, dates, parentheses) is left alone.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean special = "*_[]\\`".indexOf(c) >= 0
                    || c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{'
                    || lineStart && (c == '-' || c == '+' || c == '#' || c == '>')
                    || c == '.' && listNumber(text, i);
            if (special) {
                out.append('\\');
            }
            out.append(c);
            lineStart = c == '\n' || lineStart && c == ' ';
        }
        return out.toString();
    }

    /** True when the dot at {@code dot} ends a number that starts its line ("1. "): an ordered list. */
    private static boolean listNumber(String text, int dot) {
        int start = dot;
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
            start--;
        }
        return start < dot && (start == 0 || text.charAt(start - 1) == '\n');
    }
}
