package dev.burnrate.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.alert.Severity;
import dev.burnrate.budget.Budget;
import dev.burnrate.contain.Action;
import dev.burnrate.contain.ActionStatus;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;

/**
 * Renders a containment action's transitions (Qute templates {@code contain.txt} and {@code contain.html}, every
 * value escaped): a proposal with its approval link and command, the approval, what the vendor's switch did, a
 * failure with the vendor's answer, an undo. Each is one on-call incident per action: a proposal or failure raises
 * it, containment or undo ends it.
 */
@ApplicationScoped
public class ContainmentComposer {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Template text;
    private final Template html;

    ContainmentComposer(@Location("contain.txt") Template text, @Location("contain.html") Template html) {
        this.text = text;
        this.html = html;
    }

    @TemplateData
    public record View(String kind, String severity, String color, String headline, String summary,
            List<AlertComposer.Fact> facts, List<Link> links, String command, List<String> history, String asOf,
            String footer) {
    }

    /** A button: what it does, where it goes, until when it works. */
    @TemplateData
    public record Link(String label, String url, String until) {
    }

    /**
     * The message of {@code action}'s last transition, or null for the transitions that send none (acting, undoing,
     * expired).
     *
     * @param link    the link that goes on from here (approve, undo, try again), or null when the stack has no
     *                approval endpoint
     * @param command the CLI command that does the same
     */
    public AlertMessage compose(Action action, String vendorName, Budget budget, Link link, String command,
            Instant now) {
        String label = action.target().label();
        Action.Event last = action.last();
        String reason = action.reason();
        String kind;
        Severity severity;
        String color;
        String subject;
        String headline;
        String summary;
        boolean resolves = false;
        switch (action.status()) {
            case PROPOSED -> {
                kind = "containment_proposed";
                severity = Severity.CRITICAL;
                color = "#c05621";
                subject = "[burnrate] Approve? Contain " + label;
                headline = "Contain " + label + "?";
                summary = capitalize(reason) + ". burnrate proposes to " + action.target().action() + ". Nothing changes until "
                        + "someone approves it; undo then puts back exactly what it found.";
            }
            case APPROVED -> {
                kind = "containment_approved";
                severity = Severity.INFO;
                color = "#2c5282";
                subject = "[burnrate] Approved: containing " + label + " (" + last.by() + ")";
                headline = "Containing " + label;
                summary = "Approved by " + last.by() + " at " + AT.format(last.at()) + ". burnrate reads "
                        + vendorName + "'s state and sets the switch now: " + action.target().action() + ".";
            }
            case CONTAINED -> {
                kind = "containment_done";
                severity = Severity.WARNING;
                color = "#2f855a";
                resolves = true;
                subject = "[burnrate] Contained: " + label;
                headline = "Contained: " + label;
                summary = capitalize(action.answer()) + ". Before: " + action.priorSummary()
                        + ". Undo puts that back; until then " + vendorName + " refuses this spend.";
            }
            case FAILED -> {
                kind = "containment_failed";
                severity = Severity.CRITICAL;
                color = "#c53030";
                subject = "[burnrate] Containment FAILED: " + label;
                headline = "Containment failed: " + label;
                summary = "The runaway may still be spending. " + vendorName + " answered: " + action.answer()
                        + ". Before: " + (action.priorSummary() == null ? "not read" : action.priorSummary())
                        + ". Act in " + vendorName + "'s console, or approve it again to retry.";
            }
            case UNDONE -> {
                kind = "containment_undone";
                severity = Severity.INFO;
                color = "#2c5282";
                resolves = true;
                subject = "[burnrate] Undone: " + label;
                headline = "Undone: " + label;
                summary = capitalize(action.answer()) + " (asked by " + action.history().stream()
                        .filter(e -> e.status() == ActionStatus.UNDOING).reduce((a, b) -> b).map(Action.Event::by)
                        .orElse("?") + "). " + label + " is as burnrate found it: "
                        + action.priorSummary() + ".";
            }
            case UNDO_FAILED -> {
                kind = "containment_undo_failed";
                severity = Severity.CRITICAL;
                color = "#c53030";
                subject = "[burnrate] Undo FAILED: " + label;
                headline = "Undo failed: " + label;
                summary = label + " is still contained. " + vendorName + " answered: " + action.answer()
                        + ". Ask for the undo again, or put back by hand what it was: " + action.priorSummary() + ".";
            }
            case ACTING, UNDOING, EXPIRED -> {
                return null;
            }
            default -> throw new IllegalStateException("unknown status " + action.status());
        }
        List<AlertComposer.Fact> facts = new ArrayList<>();
        facts.add(new AlertComposer.Fact("Action", action.id()));
        facts.add(new AlertComposer.Fact("What", label + ": " + action.target().action()));
        facts.add(new AlertComposer.Fact("Why", reason));
        facts.add(new AlertComposer.Fact("Policy", action.mode().wireName()));
        if (action.priorSummary() != null) {
            facts.add(new AlertComposer.Fact("Before", action.priorSummary()));
        }
        if (action.answer() != null) {
            facts.add(new AlertComposer.Fact(action.status() == ActionStatus.FAILED
                    || action.status() == ActionStatus.UNDO_FAILED ? "Vendor's answer" : "Done", action.answer()));
        }
        List<String> history = action.history().stream().map(e -> AT.format(e.at()) + "  " + e.status().wireName()
                + (e.by() == null ? "" : " by " + e.by()) + (e.detail() == null ? "" : ": " + e.detail())).toList();
        View view = new View(kind, severity.wireName(), color, headline, summary, facts,
                link == null ? List.of() : List.of(link), command, history, AT.format(now),
                "One action, one incident: " + action.id() + ".");
        Map<String, String> factMap = new LinkedHashMap<>();
        facts.forEach(f -> factMap.put(f.label(), f.value()));
        List<String> advice = new ArrayList<>();
        if (link != null) {
            advice.add(link.label() + ": " + link.url());
        }
        if (command != null) {
            advice.add("Or run: " + command);
        }
        AlertMessage.Content content = new AlertMessage.Content(headline, summary, factMap, advice, AT.format(now));
        return new AlertMessage(kind, severity, budget.id(), action.target().vendor(), ascii(subject),
                text.data("v", view).render(), html.data("v", view).render(), content,
                "burnrate/contain/" + action.id(), resolves, resolves ? Severity.CRITICAL : severity);
    }

    private static String capitalize(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String ascii(String subject) {
        String ascii = subject.replaceAll("[^\\x20-\\x7e]", "?");
        return ascii.length() <= AlertMessage.MAX_SUBJECT ? ascii : ascii.substring(0, AlertMessage.MAX_SUBJECT);
    }
}
