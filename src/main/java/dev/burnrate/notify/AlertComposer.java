package dev.burnrate.notify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.alert.AlertDecision;
import dev.burnrate.alert.AlertKey;
import dev.burnrate.budget.Budget;
import dev.burnrate.alert.Severity;
import dev.burnrate.alert.AlertKind;
import dev.burnrate.alert.RunawayEpisode;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.insight.Insights;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;

/**
 * Renders alerts, recoveries and the daily digest as a subject, a plain-text body and an HTML body (Qute
 * templates {@code alert.txt} and {@code alert.html}; the HTML one escapes every value, so a vendor label such as a
 * project name arrives as text).
 */
@ApplicationScoped
public class AlertComposer {

    public static final String RECOVERED = "recovered";
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm 'UTC'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final Template text;
    private final Template html;

    AlertComposer(@Location("alert.txt") Template text, @Location("alert.html") Template html) {
        this.text = text;
        this.html = html;
    }

    /** Everything the templates show, already formatted. */
    @TemplateData
    public record View(String kind, String severity, String color, String headline, String summary, List<Fact> facts,
            String staleNote, List<VendorRow> vendors, List<DriverRow> drivers, List<String> advice, Chart chart,
            String asOf, String footer) {
    }

    /** Two or three texts chosen together (subject and summary; headline, summary and footer). */
    private record Texts(String first, String second, String third) {
        Texts(String first, String second) {
            this(first, second, null);
        }
    }

    @TemplateData
    public record Fact(String label, String value) {
    }

    @TemplateData
    public record VendorRow(String name, String monthToDate, String status, String asOf) {
    }

    @TemplateData
    public record DriverRow(String what, String recent, String baseline, String change) {
    }

    /** Any message the engine decided on: a budget alert, a runaway notice, stale data, unread usage, the digest. */
    public AlertMessage compose(AlertDecision decision, AlertContext context) {
        if (decision.kind() == AlertKind.DIGEST) {
            return digest(context);
        }
        String subject = subject(decision, context);
        View view = switch (decision.kind()) {
            case ACTUAL, FORECAST -> budgetView(decision, context);
            case RUNAWAY -> runawayView(decision, context);
            case RUNAWAY_REMINDER, RUNAWAY_ESCALATION, RUNAWAY_ACCEPTED, RUNAWAY_OVER ->
                    runawayNoticeView(decision, context);
            case STALE_DATA -> staleView(decision, context);
            case USAGE_UNREAD -> usageUnreadView(decision, context);
            case PULSE_UNREAD -> pulseUnreadView(decision, context);
            case DIGEST -> throw new IllegalStateException("the digest is composed by digest()");
        };
        AlertKey key = AlertKey.of(context.month(), decision);
        // a runaway's end or acceptance closes the runaway, which was critical
        return render(decision.wireName(), decision.severity(), decision.budget(), vendorOf(decision), subject, view,
                key.incident(), key.endsIncident(), key.endsIncident() ? AlertKind.RUNAWAY.severity(0) : decision.severity());
    }

    /** The one message that says an alert stopped holding. */
    public AlertMessage recovered(AlertKey key, AlertContext context) {
        Budget budget = context.budget();
        Forecast forecast = context.forecast();
        String label = label(budget);
        String vendor = key.vendor();
        String name = vendorName(vendor, context);
        Texts texts = switch (key.kind()) {
            case FORECAST -> new Texts(
                    "[burnrate] Back on track: " + label + " forecast " + wholeDollars(forecast.p50Usd())
                            + " is under the " + threshold(budget, key.level()) + " again",
                    "The forecast for " + month(context) + " fell back to " + dollars(forecast.p50Usd())
                            + " (P90 " + dollars(forecast.p90Usd()) + "), below " + key.level() + "% of the "
                            + dollars(budget.monthlyUsd()) + " budget. You will hear again if it crosses once more.");
            case ACTUAL -> new Texts(
                    "[burnrate] Back under: " + label + " " + wholeDollars(forecast.monthToDateUsd()) + " is below "
                            + key.level() + "% of the " + wholeDollars(budget.monthlyUsd()) + " budget again",
                    capitalize(label) + " for " + month(context) + " is " + dollars(forecast.monthToDateUsd())
                            + " after credits or refunds, below " + key.level() + "% of the budget again.");
            case USAGE_UNREAD -> new Texts("[burnrate] " + name + " usage is read again: runaway alarm is back on",
                    name + " usage answered again; its hourly spend is watched for runaways once more.");
            case PULSE_UNREAD -> new Texts("[burnrate] " + name + " minute usage is read again: fast runaway alarm is "
                    + "back on", name + "'s minute-grain usage answered again; the pulse watches it for runaways once "
                    + "more.");
            case STALE_DATA -> new Texts("[burnrate] " + name + " figures are fresh again",
                    name + " answered again; its figures are current.");
            case RUNAWAY, RUNAWAY_REMINDER, RUNAWAY_ESCALATION, RUNAWAY_ACCEPTED, RUNAWAY_OVER, DIGEST ->
                    throw new IllegalArgumentException(key.kind() + " does not recover: its end is a notice of its own");
        };
        String subject = texts.first();
        String summary = texts.second();
        View view = new View(RECOVERED, Severity.INFO.wireName(), "#2f855a", "Back to normal", summary,
                budgetFacts(context), staleNote(context), vendorRows(context), List.of(), List.of(), chart(context),
                AS_OF.format(context.asOf()), "This closes the alert " + key.wireName() + ".");
        return render(RECOVERED, Severity.INFO, budget, vendor != null ? vendor : budget.vendor(), subject, view,
                key.incident(), true, key.kind().severity(key.level()));
    }

    /** The daily digest: the month so far for one budget. */
    public AlertMessage digest(AlertContext context) {
        Budget budget = context.budget();
        Forecast forecast = context.forecast();
        String subject = "[burnrate] Daily digest: " + label(budget) + " " + wholeDollars(forecast.monthToDateUsd())
                + " of " + wholeDollars(budget.monthlyUsd()) + " so far"
                + (forecast.available() ? ", forecast " + wholeDollars(forecast.p50Usd()) : "");
        String summary = capitalize(label(budget)) + " for " + month(context) + " is "
                + dollars(forecast.monthToDateUsd()) + " so far"
                + (forecast.available() ? "; the month is heading for " + dollars(forecast.p50Usd()) + " (likely up to "
                        + dollars(forecast.p90Usd()) + ")" : "")
                + " against a budget of " + dollars(budget.monthlyUsd()) + ".";
        View view = new View(AlertKind.DIGEST.wireName(0), Severity.INFO.wireName(), "#2c5282", "The month so far", summary,
                budgetFacts(context), staleNote(context), vendorRows(context), driverRows(context),
                context.findings().advice(), chart(context), AS_OF.format(context.asOf()),
                "You get this digest once a day.");
        return render(AlertKind.DIGEST.wireName(0), Severity.INFO, budget, budget.vendor(), subject, view, null, false, Severity.INFO);
    }

    private AlertMessage render(String kind, Severity severity, Budget budget, String vendor, String subject,
            View view, String incident, boolean resolves, Severity incidentSeverity) {
        java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
        view.facts().forEach(f -> facts.put(f.label(), f.value()));
        AlertMessage.Content content = new AlertMessage.Content(view.headline(), view.summary(), facts, view.advice(),
                view.asOf(), view.staleNote() == null ? List.of() : List.of(view.staleNote()));
        return new AlertMessage(kind, severity, budget.id(), vendor, ascii(subject), text.data("v", view).render(),
                html.data("v", view).render(), content, incident, resolves, incidentSeverity);
    }

    /** What the spend is called: "AI spend" for all vendors, "OpenAI spend", "chatbot spend". */
    private static String label(Budget budget) {
        return budget.isTotal() ? "AI spend" : budget.name() + " spend";
    }

    static String subject(AlertDecision decision, AlertContext context) {
        String budget = wholeDollars(decision.budget().monthlyUsd());
        String value = wholeDollars(decision.valueUsd());
        String label = label(decision.budget());
        LocalDate crossing = context.forecast().crossingDate();
        String subject = switch (decision.kind()) {
            case ACTUAL -> decision.level() >= 100
                    ? "[burnrate] " + label + " " + value + " is over the " + threshold(decision.budget(),
                            decision.level()) + " for " + month(context)
                    : "[burnrate] " + label + " " + value + " passed " + decision.level() + "% of the " + budget
                            + " budget";
            case FORECAST -> "[burnrate] " + label + " forecast " + value
                    + (decision.level() == 100 ? " of " + budget + " budget"
                            : " is over " + decision.level() + "% of the " + budget + " budget")
                    + (crossing == null || decision.level() != 100 ? "" : " - crosses on " + shortDate(crossing));
            case RUNAWAY -> decision.runaway() != null && decision.runaway().opening() != null
                    ? "[burnrate] Runaway: " + vendorName(vendorOf(decision), context) + " spending about "
                            + dollars(decision.valueUsd()) + " an hour since " + SHORT_TIME.format(
                                    decision.runaway().opening().since()) + " (normally "
                            + dollars(decision.thresholdUsd()) + ")"
                    : "[burnrate] Runaway: " + vendorName(vendorOf(decision), context) + " spent about "
                            + dollars(decision.valueUsd()) + " in the last hour (normally "
                            + dollars(decision.thresholdUsd()) + ")";
            case RUNAWAY_REMINDER -> "[burnrate] Runaway still running: " + vendorName(vendorOf(decision), context)
                    + " about " + dollars(decision.valueUsd()) + " since " + SHORT_TIME.format(staleSince(decision));
            case RUNAWAY_ESCALATION -> "[burnrate] Runaway worse: " + vendorName(vendorOf(decision), context)
                    + " now about " + dollars(decision.valueUsd()) + " an hour (normally "
                    + dollars(decision.thresholdUsd()) + ")";
            case RUNAWAY_ACCEPTED -> "[burnrate] Runaway accepted as normal: " + vendorName(vendorOf(decision), context)
                    + " about " + dollars(decision.valueUsd()) + " an hour";
            case RUNAWAY_OVER -> "[burnrate] Runaway over: " + vendorName(vendorOf(decision), context)
                    + " spend is back to normal";
            case DIGEST -> "[burnrate] Daily digest";
            case STALE_DATA -> "[burnrate] " + vendorName(vendorOf(decision), context)
                    + " figures are stale: last refreshed " + SHORT_TIME.format(staleSince(decision));
            case USAGE_UNREAD -> "[burnrate] " + vendorName(vendorOf(decision), context)
                    + " usage unread since " + SHORT_TIME.format(staleSince(decision)) + ": runaway alarm is off";
            case PULSE_UNREAD -> "[burnrate] " + vendorName(vendorOf(decision), context)
                    + " minute usage unread since " + SHORT_TIME.format(staleSince(decision))
                    + ": fast runaway alarm is off";
        };
        return ascii(subject);
    }

    private static String ascii(String subject) {
        String ascii = subject.replaceAll("[^\\x20-\\x7e]", "?");
        return ascii.length() <= AlertMessage.MAX_SUBJECT ? ascii : ascii.substring(0, AlertMessage.MAX_SUBJECT);
    }

    /** "$5,000 budget", or "$6,000 (120% of the $5,000 budget)" above 100%. */
    private static String threshold(Budget budget, int level) {
        if (level == 100) {
            return wholeDollars(budget.monthlyUsd()) + " budget";
        }
        BigDecimal amount = budget.monthlyUsd().multiply(BigDecimal.valueOf(level)).divide(BigDecimal.valueOf(100));
        return level + "% line of the " + wholeDollars(budget.monthlyUsd()) + " budget (" + wholeDollars(amount) + ")";
    }

    private static View budgetView(AlertDecision decision, AlertContext context) {
        Forecast forecast = context.forecast();
        String crossing = crossing(forecast);
        String label = label(decision.budget());
        String budget = dollars(decision.budget().monthlyUsd());
        String headline;
        String summary;
        if (decision.kind() == AlertKind.FORECAST) {
            headline = capitalize(label) + " forecast " + dollars(decision.valueUsd()) + " of a " + budget + " budget";
            summary = "At the current pace " + label + " reaches " + dollars(forecast.p50Usd()) + " by the end of "
                    + month(context) + " (likely " + dollars(forecast.p50Usd()) + " to " + dollars(forecast.p90Usd())
                    + "), above " + decision.level() + "% of the budget of " + budget + "."
                    + (forecast.crossingDate() == null ? "" : " At this pace the budget is crossed on " + crossing + ".");
        } else {
            headline = decision.level() >= 100
                    ? capitalize(label) + " " + dollars(decision.valueUsd()) + " is over the " + budget + " budget"
                    : capitalize(label) + " passed " + decision.level() + "% of the " + budget + " budget";
            summary = capitalize(label) + " for " + month(context) + " is " + dollars(decision.valueUsd())
                    + " so far, above " + decision.level() + "% of the budget of " + budget
                    + ". Forecast for the month: " + dollars(forecast.p50Usd()) + " (budget crossed: " + crossing + ").";
        }
        return new View(decision.wireName(), decision.severity().wireName(), color(decision.severity()), headline, summary,
                budgetFacts(context), staleNote(context), vendorRows(context), driverRows(context),
                context.findings().advice(), chart(context), AS_OF.format(context.asOf()),
                "You get this alert once per crossing; a higher level escalates, and you hear when it is back "
                        + "on track.");
    }

    private static View runawayView(AlertDecision decision, AlertContext context) {
        RunawayEpisode.Opening opening = decision.runaway() == null ? null : decision.runaway().opening();
        if (opening != null) {
            return pulseRunawayView(decision, context, opening);
        }
        String vendor = vendorName(vendorOf(decision), context);
        String summary = vendor + " spent about " + dollars(decision.valueUsd()) + " in the last hour against "
                + dollars(decision.thresholdUsd()) + " normally at this time of the week. Look for a retry loop, a "
                + "leaked key or a sudden surge in traffic. Hourly figures are the vendor's token counts at list "
                + "price: an estimate, as vendors bill by the day.";
        List<Fact> facts = new ArrayList<>(budgetFacts(context));
        facts.add(0, new Fact("Last hour", "about " + dollars(decision.valueUsd()) + " (normally "
                + dollars(decision.thresholdUsd()) + ")"));
        facts.add(1, new Fact("Since", AS_OF.format(staleSince(decision))));
        return new View(decision.wireName(), decision.severity().wireName(), color(decision.severity()),
                "Runaway spend at " + vendor, summary, facts, staleNote(context), vendorRows(context),
                driverRows(context), List.of(), chart(context), AS_OF.format(context.asOf()),
                "You get this alert once per runaway, at most one reminder a day while it runs, and one message "
                        + "when spend is back to normal.");
    }

    /** A runaway the pulse caught minutes after it began: the rate, what it costs if it runs on, what to do. */
    private static View pulseRunawayView(AlertDecision decision, AlertContext context,
            RunawayEpisode.Opening opening) {
        String vendor = vendorName(vendorOf(decision), context);
        java.time.ZonedDateTime now = context.asOf().atZone(ZoneOffset.UTC);
        BigDecimal toDayEnd = runOn(opening, now, now.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC));
        BigDecimal toMonthEnd = runOn(opening, now,
                now.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC));
        String summary = vendor + " has been spending at about " + dollars(opening.hourlyRateUsd()) + " an hour since "
                + AS_OF.format(opening.since()) + " (over the last " + opening.windowMinutes() + " minutes), against "
                + dollars(opening.usualRateUsd()) + " an hour normally at this time of the week. Left running it "
                + "costs about " + dollars(toDayEnd) + " more by the end of the day and " + dollars(toMonthEnd)
                + " by the end of the month. Look for a retry loop, a leaked key or a sudden surge in traffic. "
                + "Figures are estimates from the vendor's minute usage (how they are priced is below); vendors "
                + "bill by the day.";
        List<Fact> facts = new ArrayList<>(budgetFacts(context));
        facts.add(0, new Fact("Rate now", "about " + dollars(opening.hourlyRateUsd()) + " an hour (normally "
                + dollars(opening.usualRateUsd()) + ")"));
        facts.add(1, new Fact("Since", AS_OF.format(opening.since())));
        facts.add(2, new Fact("If it runs on", "about " + dollars(toDayEnd) + " more today, " + dollars(toMonthEnd)
                + " by the month's end"));
        return new View(decision.wireName(), decision.severity().wireName(), color(decision.severity()),
                "Runaway spend at " + vendor, summary, facts, staleNote(context), vendorRows(context),
                driverRows(context), opening.signals(), chart(context), AS_OF.format(context.asOf()),
                "You get this alert once per runaway, at most one reminder a day while it runs, and one message "
                        + "when spend is back to normal.");
    }

    /** What the runaway's rate costs from {@code now} to {@code until}. */
    private static BigDecimal runOn(RunawayEpisode.Opening opening, java.time.ZonedDateTime now,
            java.time.ZonedDateTime until) {
        return opening.hourlyRateUsd().multiply(BigDecimal.valueOf(Duration.between(now, until).toMinutes()))
                .divide(BigDecimal.valueOf(60), MathContext.DECIMAL64);
    }

    /** Reminders, escalations, acceptance and the end of a runaway episode. */
    private static View runawayNoticeView(AlertDecision decision, AlertContext context) {
        String vendor = vendorName(vendorOf(decision), context);
        RunawayEpisode e = decision.runaway();
        long hours = e == null ? 0 : e.raisedHours();
        String since = AS_OF.format(staleSince(decision));
        String spent = e == null ? "n/a" : dollars(e.spentUsd());
        String usual = e == null ? "n/a" : dollars(e.usualUsd());
        Texts headline = switch (decision.kind()) {
            case RUNAWAY_REMINDER -> new Texts("Runaway at " + vendor + " is still running",
                    "The runaway at " + vendor + " that began " + since + " is still running: about " + spent
                        + " in its " + hours + " raised hour(s), where those hours usually cost " + usual
                        + ". The last hour cost about " + (e == null ? "n/a" : dollars(e.lastHourUsd())) + ".",
                    "You get at most one reminder a day while it runs, and one message when it is over.");
            case RUNAWAY_ESCALATION -> new Texts("Runaway at " + vendor + " got worse",
                    vendor + " spent about " + dollars(decision.valueUsd()) + " in the last hour, twice or more "
                        + "what was last reported, against " + dollars(decision.thresholdUsd()) + " normally. The "
                        + "runaway began " + since + "; about " + spent + " so far.",
                    "You hear again if it doubles once more, and when it is over.");
            case RUNAWAY_ACCEPTED -> new Texts(vendor + "'s higher rate is taken as normal",
                    "This rate has held since " + since + " (" + hours + " raised hours, about " + spent
                        + "); burnrate treats about " + dollars(decision.valueUsd()) + " an hour as normal for "
                        + vendor + " from now on and stops reminding you. A further jump is a new runaway.",
                    "This closes the runaway; the acceptance is set by burnrate.runaway.accept-after.");
            case RUNAWAY_OVER -> new Texts("Runaway at " + vendor + " is over",
                    vendor + " hourly spend is back to its usual level for this time of the week. The runaway "
                        + "began " + since + " and ran " + hours + " raised hour(s): about " + spent + " where those "
                        + "hours usually cost " + usual + ".",
                    "This closes the runaway alert.");
            case ACTUAL, FORECAST, RUNAWAY, STALE_DATA, USAGE_UNREAD, PULSE_UNREAD, DIGEST ->
                    throw new IllegalArgumentException(decision.kind() + " is not a runaway notice");
        };
        List<Fact> facts = new ArrayList<>(budgetFacts(context));
        facts.add(0, new Fact("Since", since));
        facts.add(1, new Fact("Runaway spend so far", "about " + spent + " (usually " + usual + ")"));
        return new View(decision.wireName(), decision.severity().wireName(), color(decision.severity()),
                headline.first(), headline.second(), facts, staleNote(context), vendorRows(context), List.of(),
                List.of(), chart(context), AS_OF.format(context.asOf()), headline.third());
    }

    private static View usageUnreadView(AlertDecision decision, AlertContext context) {
        String vendor = vendorName(vendorOf(decision), context);
        String summary = "burnrate has not been able to read " + vendor + "'s usage since "
                + AS_OF.format(staleSince(decision)) + ". Its billed cost is still read, so budgets and forecasts are "
                + "current, but a runaway at " + vendor + " would not be caught within the hour. The report's "
                + "usageError and burnrate's log say why; a key without access to the usage endpoints is a common "
                + "cause.";
        return new View(decision.wireName(), decision.severity().wireName(), color(decision.severity()),
                vendor + " usage is not being read", summary, budgetFacts(context), null, vendorRows(context),
                List.of(), List.of(), null, AS_OF.format(context.asOf()),
                "You get this alert once and hear when usage is read again.");
    }

    private static View pulseUnreadView(AlertDecision decision, AlertContext context) {
        String vendor = vendorName(vendorOf(decision), context);
        String summary = "The pulse has not been able to read " + vendor + "'s minute-grain usage since "
                + AS_OF.format(staleSince(decision)) + ", so a runaway there is not caught within minutes. Budgets, "
                + "forecasts and the hourly check go on as before. The pulse report's error and burnrate's log say "
                + "why; a missing permission (CloudWatch, Azure Monitoring Reader, Google Monitoring Viewer) is a "
                + "common cause.";
        return new View(decision.wireName(), decision.severity().wireName(), color(decision.severity()),
                vendor + " minute usage is not being read", summary, budgetFacts(context), null, vendorRows(context),
                List.of(), List.of(), null, AS_OF.format(context.asOf()),
                "You get this alert once and hear when minute usage is read again.");
    }

    private static View staleView(AlertDecision decision, AlertContext context) {
        String vendor = vendorName(vendorOf(decision), context);
        String summary = vendor + " has not been refreshed since " + AS_OF.format(staleSince(decision)) + ". Its "
                + "figures in forecasts and alerts are as of then, and spend since is not seen. Check the vendor's "
                + "status and burnrate's log; a revoked admin key is a common cause.";
        return new View(decision.wireName(), decision.severity().wireName(), color(decision.severity()),
                vendor + " figures are stale", summary, budgetFacts(context), null, vendorRows(context), List.of(),
                List.of(), null, AS_OF.format(context.asOf()),
                "You get this alert once and hear when the figures are fresh again.");
    }

    private static List<Fact> budgetFacts(AlertContext context) {
        Forecast forecast = context.forecast();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Month to date", dollars(forecast.monthToDateUsd())));
        facts.add(new Fact("Forecast P50 / P90", forecast.available()
                ? dollars(forecast.p50Usd()) + " / " + dollars(forecast.p90Usd()) : forecast.note()));
        if (forecast.dailyRateUsd() != null) {
            facts.add(new Fact("Daily rate", dollars(forecast.dailyRateUsd())));
        }
        facts.add(new Fact("Budget (" + context.budget().name() + ", " + month(context) + ")",
                dollars(context.budget().monthlyUsd())));
        facts.add(crossingFact(forecast, context.asOf()));
        return facts;
    }

    /** Stale vendors and every note on the figures (held drops, other currencies, usage not in a cost report). */
    private static String staleNote(AlertContext context) {
        List<String> parts = new ArrayList<>();
        List<AlertContext.VendorLine> stale = context.staleVendors();
        if (!stale.isEmpty()) {
            parts.add("Stale figures: " + String.join(", ", stale.stream().map(v -> v.name() + " (last refreshed "
                    + (v.asOf() == null ? "never" : AS_OF.format(v.asOf())) + ")").toList())
                    + ". The numbers above include them as of then.");
        }
        parts.addAll(context.notes());
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static List<VendorRow> vendorRows(AlertContext context) {
        return context.vendors().stream()
                .map(v -> new VendorRow(v.name(), dollars(v.monthToDateUsd()), v.stale() ? "stale" : v.status(),
                        v.asOf() == null ? "never" : AS_OF.format(v.asOf())))
                .toList();
    }

    private static List<DriverRow> driverRows(AlertContext context) {
        List<DriverRow> rows = new ArrayList<>();
        for (Insights.Driver d : context.findings().drivers()) {
            rows.add(new DriverRow(vendorName(d.vendor(), context) + " / " + d.project() + " / " + d.item(),
                    dollars(d.recentPerDayUsd()) + "/day", dollars(d.baselinePerDayUsd()) + "/day",
                    "+" + dollars(d.increasePerDayUsd()) + "/day"));
        }
        return rows;
    }

    private static Chart chart(AlertContext context) {
        return Chart.of(context.dailySpend(), context.month().lengthOfMonth(), context.forecast().path(),
                context.budget().monthlyUsd());
    }

    private static String vendorOf(AlertDecision decision) {
        return decision.episode() != null ? decision.vendor() : decision.budget().vendor();
    }

    private static Instant staleSince(AlertDecision decision) {
        return decision.episode().since();
    }

    private static String vendorName(String vendor, AlertContext context) {
        if (vendor == null) {
            return "All vendors";
        }
        return context.vendors().stream().filter(v -> v.id().equals(vendor)).map(AlertContext.VendorLine::name)
                .findFirst().orElse(vendor);
    }

    private static String color(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "#b42318";
            case WARNING -> "#b54708";
            case INFO -> "#2c5282";
        };
    }

    /** "Budget crossed on" a day that is past (or today), "Budget crosses on" one to come, or no crossing at all. */
    static Fact crossingFact(Forecast forecast, java.time.Instant asOf) {
        java.time.LocalDate crossing = forecast.crossingDate();
        if (crossing == null) {
            return new Fact("Budget crossing", "not this month at this pace");
        }
        boolean past = !crossing.isAfter(asOf.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        return new Fact(past ? "Budget crossed on" : "Budget crosses on", shortDate(crossing));
    }

    private static String crossing(Forecast forecast) {
        return forecast.crossingDate() == null ? "not this month" : shortDate(forecast.crossingDate());
    }

    private static String month(AlertContext context) {
        return context.month().getMonth().getDisplayName(TextStyle.FULL, Locale.US) + " " + context.month().getYear();
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String dollars(BigDecimal amount) {
        if (amount == null) {
            return "n/a";
        }
        return NumberFormat.getCurrencyInstance(Locale.US).format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    static String wholeDollars(BigDecimal amount) {
        if (amount == null) {
            return "n/a";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setMaximumFractionDigits(0);
        return format.format(amount.setScale(0, RoundingMode.HALF_UP));
    }

    private static String shortDate(LocalDate date) {
        return date.getMonth().getDisplayName(TextStyle.SHORT, Locale.US) + " " + date.getDayOfMonth();
    }
}
