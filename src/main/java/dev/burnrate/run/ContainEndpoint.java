package dev.burnrate.run;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.config.SecretStore;
import dev.burnrate.config.Secrets;
import dev.burnrate.contain.Action;
import dev.burnrate.contain.ActionStatus;
import dev.burnrate.contain.ApprovalTokens;
import dev.burnrate.notify.AlertComposer;
import dev.burnrate.notify.Dispatcher;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The two ways a person moves a containment action: the approval endpoint (a Lambda function URL; a link's
 * {@code GET} shows what it will do and asks once more, its {@code POST} does it, so a mail scanner or a chat
 * preview that opens the link acts on nothing) and the CLI's invocation ({@code {"contain": "approve", "id": ...,
 * "by": ...}}, with the operator's AWS credentials). Both deliver the messages they queue before they answer.
 */
@ApplicationScoped
public class ContainEndpoint {

    private static final Logger LOG = Logger.getLogger(ContainEndpoint.class);

    private final ContainmentService containment;
    private final CheckService checks;
    private final SecretStore secretStore;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Template page;

    ContainEndpoint(ContainmentService containment, CheckService checks, SecretStore secretStore,
            Dispatcher dispatcher, Clock clock, @Location("contain-page.html") Template page) {
        this.containment = containment;
        this.checks = checks;
        this.secretStore = secretStore;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.page = page;
    }

    /** A function URL's answer (payload format 2.0). */
    @RegisterForReflection
    public record HttpAnswer(int statusCode, Map<String, String> headers, String body) {
    }

    /** What the page shows. */
    @TemplateData
    public record Page(String title, String text, List<AlertComposer.Fact> facts, String button, String token,
            String color, String footer) {
    }

    /** An action as the CLI and the list show it. */
    @RegisterForReflection
    public record ActionView(String id, String target, String label, String status, String mode, String reason,
            String proposedAt, String expiresAt, String before, String answer, List<String> history) {

        static ActionView of(Action a) {
            return new ActionView(a.id(), a.target().vendor() + "/" + a.target().id(), a.target().label(), a.state(),
                    a.mode().wireName(), a.reason(), a.proposedAt().toString(), a.expiresAt().toString(),
                    a.priorSummary(), a.answer(), a.history().stream().map(e -> e.at() + " " + e.status().wireName()
                            + (e.by() == null ? "" : " by " + e.by()) + (e.detail() == null ? "" : ": " + e.detail()))
                            .toList());
        }
    }

    /** The CLI's answer: the action(s), whether this request moved it, and what happened or why not. */
    @RegisterForReflection
    public record CommandAnswer(List<ActionView> actions, Boolean moved, String message, String refused) {
    }

    // --- the approval endpoint --------------------------------------------------------------------------------

    /** Answers a function URL request. */
    public HttpAnswer http(JsonNode event, String requestId) {
        String method = event.path("requestContext").path("http").path("method").asText("GET");
        String source = event.path("requestContext").path("http").path("sourceIp").asText("unknown address");
        if (!containment.enabled()) {
            return answer(404, page("Containment is off", "This burnrate has no containment policy, so there is "
                    + "nothing to approve here.", List.of(), null, null, "#52606d"));
        }
        String token = switch (method) {
            case "GET" -> query(event).get("t");
            case "POST" -> form(event).get("t");
            default -> null;
        };
        if (!method.equals("GET") && !method.equals("POST")) {
            return answer(405, page("Not here", "This address answers only the links in burnrate's messages.",
                    List.of(), null, null, "#52606d"));
        }
        Secrets secrets = secretStore.load();
        Instant now = clock.instant();
        ApprovalTokens.Verified verified;
        Action action;
        try {
            verified = containment.tokens(secrets).verify(token, now);
            action = containment.find(verified.actionId());
        } catch (ApprovalTokens.Invalid e) {
            LOG.warnf("refused a containment link from %s: %s", source, e.getMessage());
            return answer(e.getMessage().contains("expired") ? 410 : 403, page("This link does not work",
                    e.getMessage(), List.of(), null, null, "#c53030"));
        } catch (Action.Refused e) {
            return answer(404, page("No such action", e.getMessage(), List.of(), null, null, "#c53030"));
        }
        boolean approve = verified.purpose() == ApprovalTokens.Purpose.APPROVE;
        boolean waiting = approve ? action.status() == ActionStatus.PROPOSED || action.status() == ActionStatus.FAILED
                : action.status() == ActionStatus.CONTAINED || action.status() == ActionStatus.UNDO_FAILED;
        if (!waiting) {
            return answer(409, page("Already " + action.state(), "This link was for " + (approve ? "approving" : "undoing")
                    + " action " + action.id() + ", which is " + action.state() + " since " + action.last().at()
                    + (action.last().by() == null ? "" : " (" + action.last().by() + ")")
                    + ". A link acts once; nothing was done now.", facts(action), null, null, "#52606d"));
        }
        if (method.equals("GET")) {
            return answer(200, page(approve ? "Contain " + action.target().label() + "?"
                    : "Undo the containment of " + action.target().label() + "?",
                    approve ? action.reason() + ". This will " + action.target().action() + ". Undo puts back what it "
                            + "finds."
                            : "This will put back what burnrate found before it acted: " + action.priorSummary() + ".",
                    facts(action), approve ? "Approve and contain now" : "Undo now", token,
                    approve ? "#c05621" : "#2c5282"));
        }
        String by = "approval link (from " + source + ")";
        ContainmentService.Outcome outcome;
        try {
            outcome = approve
                    ? containment.approve(action.id(), by, checks::budgetFor, checks::displayName, secrets, requestId)
                    : containment.undo(action.id(), by, checks::budgetFor, checks::displayName, secrets, requestId);
        } catch (Action.Refused e) {
            return answer(409, page("Not done", e.getMessage(), facts(action), null, null, "#52606d"));
        } catch (RuntimeException e) {
            LOG.errorf(e, "containment %s stopped part way", action.id());
            return answer(500, page("Stopped part way", "burnrate could not record what it did: " + e.getMessage()
                    + ". The first check " + containment.lease().toMinutes() + " minutes or more from now finishes it "
                    + "and sends its message; bin/burnrate contain list shows where it stands. Opening this link "
                    + "again changes nothing.",
                    facts(action), null, null, "#c53030"));
        }
        dispatcher.deliver(secrets, clock.instant());
        Action after = outcome.action();
        boolean ok = after.status() == ActionStatus.CONTAINED || after.status() == ActionStatus.UNDONE;
        return answer(outcome.moved() ? 200 : 409, page(title(after, outcome.moved()), outcome.message(), facts(after),
                null, null, ok ? "#2f855a" : "#c53030"));
    }

    // --- the CLI ------------------------------------------------------------------------------------------------

    /** Answers the CLI's {@code {"contain": "list" | "approve" | "undo", "id": ..., "by": ...}}. */
    public CommandAnswer command(JsonNode event, String requestId) {
        String verb = event.path("contain").asText("");
        if (!containment.enabled()) {
            return new CommandAnswer(List.of(), null, null, "containment is off: the stack has no ContainmentPolicies");
        }
        if (verb.equals("list")) {
            return new CommandAnswer(containment.list().stream().map(ActionView::of).toList(), null,
                    containment.list().isEmpty() ? "no containment action yet" : null, null);
        }
        if (!verb.equals("approve") && !verb.equals("undo")) {
            throw new InvalidEventException("Field 'contain' is '" + verb + "'; expected list, approve or undo.");
        }
        String id = event.path("id").asText("");
        if (id.isBlank()) {
            throw new InvalidEventException("Field 'id' is missing: " + verb + " needs the action's id (see list).");
        }
        String by = event.path("by").asText("").isBlank() ? "lambda invoke" : event.path("by").asText();
        Secrets secrets = secretStore.load();
        try {
            ContainmentService.Outcome outcome = verb.equals("approve")
                    ? containment.approve(id, by, checks::budgetFor, checks::displayName, secrets, requestId)
                    : containment.undo(id, by, checks::budgetFor, checks::displayName, secrets, requestId);
            dispatcher.deliver(secrets, clock.instant());
            return new CommandAnswer(List.of(ActionView.of(outcome.action())), outcome.moved(), outcome.message(),
                    null);
        } catch (Action.Refused e) {
            return new CommandAnswer(List.of(), false, null, e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String title(Action action, boolean moved) {
        if (!moved) {
            return "Already " + action.state();
        }
        return switch (action.status()) {
            case CONTAINED -> "Contained: " + action.target().label();
            case UNDONE -> "Undone: " + action.target().label();
            case FAILED -> "Containment failed";
            case UNDO_FAILED -> "Undo failed";
            default -> capitalize(action.state());
        };
    }

    private static List<AlertComposer.Fact> facts(Action action) {
        List<AlertComposer.Fact> facts = new ArrayList<>();
        facts.add(new AlertComposer.Fact("Action", action.id() + " (" + action.state() + ")"));
        facts.add(new AlertComposer.Fact("What", action.target().label()));
        facts.add(new AlertComposer.Fact("Why", action.reason()));
        if (action.priorSummary() != null) {
            facts.add(new AlertComposer.Fact("Before", action.priorSummary()));
        }
        if (action.answer() != null) {
            facts.add(new AlertComposer.Fact("Answer", action.answer()));
        }
        return facts;
    }

    private String page(String title, String text, List<AlertComposer.Fact> facts, String button, String token,
            String color) {
        return page.data("p", new Page(title, text, facts, button, token, color,
                "burnrate acts on a link once, and records who asked and when.")).render();
    }

    private static HttpAnswer answer(int status, String html) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/html; charset=utf-8");
        headers.put("cache-control", "no-store");
        headers.put("referrer-policy", "no-referrer");
        headers.put("x-frame-options", "DENY");
        headers.put("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        return new HttpAnswer(status, headers, html);
    }

    private static Map<String, String> query(JsonNode event) {
        Map<String, String> values = new LinkedHashMap<>();
        event.path("queryStringParameters").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        if (values.isEmpty()) {
            values.putAll(parse(event.path("rawQueryString").asText("")));
        }
        return values;
    }

    private static Map<String, String> form(JsonNode event) {
        String body = event.path("body").asText("");
        if (event.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return parse(body);
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
