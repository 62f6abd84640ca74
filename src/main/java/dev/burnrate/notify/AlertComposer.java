package dev.burnrate.notify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.budget.AlertDecision;
import dev.burnrate.budget.AlertKey;
import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Severity;
import dev.burnrate.budget.VendorEpisode;
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

    @TemplateData
    public record Fact(String label, String value) {
    }

    @TemplateData
    public record VendorRow(String name, String monthToDate, String status, String asOf) {
    }

    @TemplateData
    public record DriverRow(String what, String recent, String baseline, String change) {
    }

    /** A budget alert, a runaway or stale data. */
    public AlertMessage compose(AlertDecision decision, AlertContext context) {
        String subject = subject(decision, context);
        View view = switch (decision.trigger()) {
            case ACTUAL, FORECAST -> budgetView(decision, context);
            case RUNAWAY -> runawayView(decision, context);
            case STALE_DATA -> staleView(decision, context);
            case USAGE_UNREAD -> usageUnreadView(decision, context);
        };
        return render(decision.kind(), decision.severity(), decision.budget(), vendorOf(decision), subject, view);
    }

    /** The one message that says an alert stopped holding. */
    public AlertMessage recovered(AlertKey key, AlertContext context) {
        Budget budget = context.budget();
        Forecast forecast = context.forecast();
        String label = label(budget);
        String vendor = VendorEpisode.vendor(key.episode()).orElse(null);
        String subject;
        String summary;
        if (key.kind().startsWith("forecast_")) {
            subject = "[burnrate] Back on track: " + label + " forecast " + wholeDollars(forecast.p50Usd())
                    + " is under the " + threshold(budget, key.level()) + " again";
            summary = "The forecast for " + month(context) + " fell back to " + dollars(forecast.p50Usd())
                    + " (P90 " + dollars(forecast.p90Usd()) + "), below " + key.level() + "% of the "
                    + dollars(budget.monthlyUsd()) + " budget. You will hear again if it crosses once more.";
        } else if (key.kind().startsWith("actual_")) {
            subject = "[burnrate] Back under: " + label + " " + wholeDollars(forecast.monthToDateUsd())
                    + " is below " + key.level() + "% of the " + wholeDollars(budget.monthlyUsd()) + " budget again";
            summary = capitalize(label) + " for " + month(context) + " is " + dollars(forecast.monthToDateUsd())
                    + " after credits or refunds, below " + key.level() + "% of the budget again.";
        } else if ("usage_unread".equals(key.kind())) {
            subject = "[burnrate] " + vendorName(vendor, context) + " usage is read again: runaway alarm is back on";
            summary = vendorName(vendor, context) + " usage answered again; its hourly spend is watched for "
                    + "runaways once more.";
        } else if ("runaway".equals(key.kind())) {
            subject = "[burnrate] Runaway over: " + vendorName(vendor, context) + " spend is back to normal";
            summary = vendorName(vendor, context) + " hourly spend is back to its usual level for this time of the "
                    + "week.";
        } else {
            subject = "[burnrate] " + vendorName(vendor, context) + " figures are fresh again";
            summary = vendorName(vendor, context) + " answered again; its figures are current.";
        }
        View view = new View(RECOVERED, Severity.INFO.wireName(), "#2f855a", "Back to normal", summary,
                budgetFacts(context), staleNote(context), vendorRows(context), List.of(), List.of(), chart(context),
                AS_OF.format(context.asOf()), "This closes the alert " + key.kind() + ".");
        return render(RECOVERED, Severity.INFO, budget, vendor != null ? vendor : budget.vendor(), subject, view);
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
        View view = new View(AlertKey.DIGEST, Severity.INFO.wireName(), "#2c5282", "The month so far", summary,
                budgetFacts(context), staleNote(context), vendorRows(context), driverRows(context),
                context.findings().advice(), chart(context), AS_OF.format(context.asOf()),
                "You get this digest once a day.");
        return render(AlertKey.DIGEST, Severity.INFO, budget, budget.vendor(), subject, view);
    }

    private AlertMessage render(String kind, Severity severity, Budget budget, String vendor, String subject,
            View view) {
        java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
        view.facts().forEach(f -> facts.put(f.label(), f.value()));
        AlertMessage.Content content = new AlertMessage.Content(view.headline(), view.summary(), facts, view.advice(),
                view.asOf());
        return new AlertMessage(kind, severity, budget.id(), vendor, ascii(subject), text.data("v", view).render(),
                html.data("v", view).render(), content);
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
        String subject = switch (decision.trigger()) {
            case ACTUAL -> decision.level() >= 100
                    ? "[burnrate] " + label + " " + value + " is over the " + threshold(decision.budget(),
                            decision.level()) + " for " + month(context)
                    : "[burnrate] " + label + " " + value + " passed " + decision.level() + "% of the " + budget
                            + " budget";
            case FORECAST -> "[burnrate] " + label + " forecast " + value
                    + (decision.level() == 100 ? " of " + budget + " budget"
                            : " is over " + decision.level() + "% of the " + budget + " budget")
                    + (crossing == null || decision.level() != 100 ? "" : " - crosses on " + shortDate(crossing));
            case RUNAWAY -> "[burnrate] Runaway: " + vendorName(vendorOf(decision), context) + " spent about "
                    + dollars(decision.valueUsd()) + " in the last hour (normally " + dollars(decision.thresholdUsd())
                    + ")";
            case STALE_DATA -> "[burnrate] " + vendorName(vendorOf(decision), context)
                    + " figures are stale: last refreshed " + SHORT_TIME.format(staleSince(decision));
            case USAGE_UNREAD -> "[burnrate] " + vendorName(vendorOf(decision), context)
                    + " usage unread since " + SHORT_TIME.format(staleSince(decision)) + ": runaway alarm is off";
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
        if (decision.trigger() == dev.burnrate.budget.Trigger.FORECAST) {
            headline = capitalize(label) + " forecast " + dollars(decision.valueUsd()) + " of a " + budget + " budget";
            summary = "At the current pace " + label + " reaches " + dollars(forecast.p50Usd()) + " by the end of "
                    + month(context) + " (likely " + dollars(forecast.p50Usd()) + " to " + dollars(forecast.p90Usd())
                    + "), above " + decision.level() + "% of the budget of " + budget + ". At this pace the budget is "
                    + "crossed on " + crossing + ".";
        } else {
            headline = decision.level() >= 100
                    ? capitalize(label) + " " + dollars(decision.valueUsd()) + " is over the " + budget + " budget"
                    : capitalize(label) + " passed " + decision.level() + "% of the " + budget + " budget";
            summary = capitalize(label) + " for " + month(context) + " is " + dollars(decision.valueUsd())
                    + " so far, above " + decision.level() + "% of the budget of " + budget
                    + ". Forecast for the month: " + dollars(forecast.p50Usd()) + " (budget crossed: " + crossing + ").";
        }
        return new View(decision.kind(), decision.severity().wireName(), color(decision.severity()), headline, summary,
                budgetFacts(context), staleNote(context), vendorRows(context), driverRows(context),
                context.findings().advice(), chart(context), AS_OF.format(context.asOf()),
                "You get this alert once per crossing; a higher level escalates, and you hear when it is back "
                        + "on track.");
    }

    private static View runawayView(AlertDecision decision, AlertContext context) {
        String vendor = vendorName(vendorOf(decision), context);
        String summary = vendor + " spent about " + dollars(decision.valueUsd()) + " in the last hour against "
                + dollars(decision.thresholdUsd()) + " normally at this time of the week. Look for a retry loop, a "
                + "leaked key or a sudden surge in traffic. Hourly figures are the vendor's token counts at list "
                + "price: an estimate, as vendors bill by the day.";
        List<Fact> facts = new ArrayList<>(budgetFacts(context));
        facts.add(0, new Fact("Last hour", "about " + dollars(decision.valueUsd()) + " (normally "
                + dollars(decision.thresholdUsd()) + ")"));
        if (VendorEpisode.vendor(decision.episode()).isPresent()) {
            facts.add(1, new Fact("Since", AS_OF.format(VendorEpisode.since(decision.episode()))));
        }
        return new View(decision.kind(), decision.severity().wireName(), color(decision.severity()),
                "Runaway spend at " + vendor, summary, facts, staleNote(context), vendorRows(context),
                driverRows(context), List.of(), chart(context), AS_OF.format(context.asOf()),
                "You get this alert once per runaway and hear when spend is back to normal.");
    }

    private static View usageUnreadView(AlertDecision decision, AlertContext context) {
        String vendor = vendorName(vendorOf(decision), context);
        String summary = "burnrate has not been able to read " + vendor + "'s usage since "
                + AS_OF.format(staleSince(decision)) + ". Its billed cost is still read, so budgets and forecasts are "
                + "current, but a runaway at " + vendor + " would not be caught within the hour. The report's "
                + "usageError and burnrate's log say why; a key without access to the usage endpoints is a common "
                + "cause.";
        return new View(decision.kind(), decision.severity().wireName(), color(decision.severity()),
                vendor + " usage is not being read", summary, budgetFacts(context), null, vendorRows(context),
                List.of(), List.of(), null, AS_OF.format(context.asOf()),
                "You get this alert once and hear when usage is read again.");
    }

    private static View staleView(AlertDecision decision, AlertContext context) {
        String vendor = vendorName(vendorOf(decision), context);
        String summary = vendor + " has not been refreshed since " + AS_OF.format(staleSince(decision)) + ". Its "
                + "figures in forecasts and alerts are as of then, and spend since is not seen. Check the vendor's "
                + "status and burnrate's log; a revoked admin key is a common cause.";
        return new View(decision.kind(), decision.severity().wireName(), color(decision.severity()),
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
        facts.add(new Fact("Budget crossed on", crossing(forecast)));
        return facts;
    }

    private static String staleNote(AlertContext context) {
        List<AlertContext.VendorLine> stale = context.staleVendors();
        if (stale.isEmpty()) {
            return null;
        }
        List<String> parts = stale.stream().map(v -> v.name() + " (last refreshed "
                + (v.asOf() == null ? "never" : AS_OF.format(v.asOf())) + ")").toList();
        return "Stale figures: " + String.join(", ", parts) + ". The numbers above include them as of then.";
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
        Forecast forecast = context.forecast();
        int daysInMonth = context.month().lengthOfMonth();
        int daysLeft = daysInMonth - context.dailySpend().size();
        BigDecimal p50 = null;
        BigDecimal p90 = null;
        if (forecast.available() && daysLeft > 0) {
            BigDecimal left = BigDecimal.valueOf(daysLeft);
            p50 = forecast.p50Usd().subtract(forecast.monthToDateUsd()).max(BigDecimal.ZERO)
                    .divide(left, MathContext.DECIMAL64);
            p90 = forecast.p90Usd().subtract(forecast.monthToDateUsd()).max(BigDecimal.ZERO)
                    .divide(left, MathContext.DECIMAL64);
        }
        return Chart.of(context.dailySpend(), daysInMonth, p50, p90, context.budget().monthlyUsd());
    }

    private static String vendorOf(AlertDecision decision) {
        return VendorEpisode.vendor(decision.episode()).orElse(decision.budget().vendor());
    }

    private static Instant staleSince(AlertDecision decision) {
        return VendorEpisode.since(decision.episode());
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
