package dev.burnrate.notify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.budget.AlertDecision;
import dev.burnrate.budget.Budget;
import dev.burnrate.forecast.Forecast;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;

/**
 * Renders a due alert as a subject, a plain-text body and an HTML body (Qute templates
 * {@code alert.txt} and {@code alert.html}; the HTML one escapes every value).
 */
@ApplicationScoped
public class AlertComposer {

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Template text;
    private final Template html;

    AlertComposer(@Location("alert.txt") Template text, @Location("alert.html") Template html) {
        this.text = text;
        this.html = html;
    }

    /** Everything the templates show, already formatted. */
    @TemplateData
    public record View(String kind, String severity, String headline, String summary, String month,
            String budget, String monthToDate, String p50, String p90, String dailyRate, String crossing,
            String asOf, String forecastNote, List<VendorRow> vendors) {
    }

    @TemplateData
    public record VendorRow(String name, String monthToDate, String status, String asOf) {
    }

    public AlertMessage compose(AlertDecision decision, AlertContext context) {
        View view = view(decision, context);
        return new AlertMessage(decision.kind(), decision.severity(), decision.budget().id(),
                decision.budget().vendor(), subject(decision, context), text.data("v", view).render(),
                html.data("v", view).render());
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
                    ? "[burnrate] " + label + " " + value + " is over the " + budget + " budget for "
                            + monthName(context) + " " + context.month().getYear()
                    : "[burnrate] " + label + " " + value + " passed " + decision.level() + "% of the " + budget
                            + " budget";
            case FORECAST -> "[burnrate] " + label + " forecast " + value
                    + (decision.level() == 100 ? " of " + budget + " budget"
                            : " is over " + decision.level() + "% of the " + budget + " budget")
                    + (crossing == null || decision.level() != 100 ? "" : " - crosses on " + shortDate(crossing));
            case RUNAWAY -> "[burnrate] Runaway: " + label + " " + dollars(decision.valueUsd())
                    + " in the last hour (normally " + dollars(decision.thresholdUsd()) + ")";
        };
        String ascii = subject.replaceAll("[^\\x20-\\x7e]", "?");
        return ascii.length() <= AlertMessage.MAX_SUBJECT ? ascii : ascii.substring(0, AlertMessage.MAX_SUBJECT);
    }

    private static View view(AlertDecision decision, AlertContext context) {
        Forecast forecast = context.forecast();
        String month = monthName(context) + " " + context.month().getYear();
        String crossing = forecast.crossingDate() == null ? "not this month" : shortDate(forecast.crossingDate());
        String label = label(decision.budget());
        String budget = dollars(decision.budget().monthlyUsd());
        String headline;
        String summary;
        switch (decision.trigger()) {
            case FORECAST -> {
                headline = capitalize(label) + " forecast " + dollars(decision.valueUsd()) + " of a " + budget
                        + " budget";
                summary = "At the current pace " + label + " reaches " + dollars(forecast.p50Usd())
                        + " by the end of " + month + " (likely " + dollars(forecast.p50Usd()) + " to "
                        + dollars(forecast.p90Usd()) + "), above " + decision.level() + "% of the budget of "
                        + budget + ". At this pace the budget is crossed on " + crossing + ".";
            }
            case ACTUAL -> {
                headline = decision.level() >= 100
                        ? capitalize(label) + " " + dollars(decision.valueUsd()) + " is over the " + budget + " budget"
                        : capitalize(label) + " passed " + decision.level() + "% of the " + budget + " budget";
                summary = capitalize(label) + " for " + month + " is " + dollars(decision.valueUsd())
                        + " so far, above " + decision.level() + "% of the budget of " + budget
                        + ". Forecast for the month: " + dollars(forecast.p50Usd()) + " (budget crossed: " + crossing
                        + ").";
            }
            case RUNAWAY -> {
                headline = "Runaway spend: " + dollars(decision.valueUsd()) + " in one hour";
                summary = capitalize(label) + " was " + dollars(decision.valueUsd()) + " in the last hour, "
                        + "against " + dollars(decision.thresholdUsd()) + " normally at this time of the week. "
                        + "Look for a retry loop, a leaked key or a sudden surge in traffic.";
            }
            default -> throw new IllegalArgumentException("no message for " + decision.trigger());
        }
        List<VendorRow> vendors = context.vendors().stream()
                .map(v -> new VendorRow(v.name(), dollars(v.monthToDateUsd()), v.status(),
                        v.asOf() == null ? "never" : AS_OF.format(v.asOf())))
                .toList();
        return new View(decision.kind(), decision.severity().wireName(), headline, summary, month, budget,
                dollars(forecast.monthToDateUsd()), dollars(forecast.p50Usd()), dollars(forecast.p90Usd()),
                dollars(forecast.dailyRateUsd()), crossing, AS_OF.format(context.asOf()), forecast.note(), vendors);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String monthName(AlertContext context) {
        return context.month().getMonth().getDisplayName(TextStyle.FULL, Locale.US);
    }

    static String dollars(BigDecimal amount) {
        if (amount == null) {
            return "n/a";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        return format.format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    static String wholeDollars(BigDecimal amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setMaximumFractionDigits(0);
        return format.format(amount.setScale(0, RoundingMode.HALF_UP));
    }

    private static String shortDate(LocalDate date) {
        return date.getMonth().getDisplayName(TextStyle.SHORT, Locale.US) + " " + date.getDayOfMonth();
    }

    static String instant(Instant instant) {
        return AS_OF.format(instant);
    }
}
