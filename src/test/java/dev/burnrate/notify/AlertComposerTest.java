package dev.burnrate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.burnrate.alert.AlertDecision;
import dev.burnrate.budget.Budget;
import dev.burnrate.alert.Severity;
import dev.burnrate.alert.AlertKind;
import dev.burnrate.alert.VendorEpisode;
import dev.burnrate.forecast.Forecast;

class AlertComposerTest {

    private static final Budget TOTAL = Budget.total(new BigDecimal("5000"));
    private static final Budget CHATBOT = new Budget("openai/proj_abc", "chatbot", "openai", "proj_abc",
            new BigDecimal("500"));
    private static final AlertMessage.Content CONTENT = new AlertMessage.Content("h", "s", null, null, "now");
    private static final Forecast FORECAST = new Forecast(new BigDecimal("2400"), new BigDecimal("6240.40"),
            new BigDecimal("6900"), new BigDecimal("208"), LocalDate.of(2026, 11, 19), null);

    private static String subject(AlertKind kind, Budget budget, int level, String value, String threshold) {
        return subject(kind, budget, level, value, threshold, null);
    }

    private static String subject(AlertKind kind, Budget budget, int level, String value, String threshold,
            String episode) {
        VendorEpisode e = episode == null ? null
                : new VendorEpisode(episode.substring(0, episode.indexOf('@')),
                        Instant.parse(episode.substring(episode.indexOf('@') + 1)));
        AlertDecision decision = new AlertDecision(kind, budget, level, new BigDecimal(value),
                new BigDecimal(threshold), e, null);
        return AlertComposer.subject(decision, new AlertContext(YearMonth.of(2026, 11),
                Instant.parse("2026-11-12T08:00:00Z"), budget, FORECAST, List.of(new AlertContext.VendorLine("openai",
                        "OpenAI", BigDecimal.TEN, "ok", null, false)), List.of(), null));
    }

    @Test
    void subjectsSayHowMuchOfWhatAndWhen() {
        assertThat(subject(AlertKind.FORECAST, TOTAL, 100, "6240.40", "5000"))
                .isEqualTo("[burnrate] AI spend forecast $6,240 of $5,000 budget - crosses on Nov 19");
        assertThat(subject(AlertKind.ACTUAL, TOTAL, 100, "5120.75", "5000"))
                .isEqualTo("[burnrate] AI spend $5,121 is over the $5,000 budget for November 2026");
        assertThat(subject(AlertKind.ACTUAL, TOTAL, 80, "4012", "4000"))
                .isEqualTo("[burnrate] AI spend $4,012 passed 80% of the $5,000 budget");
        assertThat(subject(AlertKind.FORECAST, CHATBOT, 100, "640", "500"))
                .isEqualTo("[burnrate] chatbot spend forecast $640 of $500 budget - crosses on Nov 19");
        assertThat(subject(AlertKind.RUNAWAY, TOTAL, 0, "212.40", "9.10", "openai@2026-11-12T07:00:00Z"))
                .isEqualTo("[burnrate] Runaway: OpenAI spent about $212.40 in the last hour (normally $9.10)");
        assertThat(subject(AlertKind.STALE_DATA, TOTAL, 0, "100", "0", "openai@2026-11-11T18:00:00Z"))
                .isEqualTo("[burnrate] OpenAI figures are stale: last refreshed Nov 11 18:00 UTC");
        assertThat(subject(AlertKind.RUNAWAY_REMINDER, TOTAL, 1, "4820.50", "240", "openai@2026-11-10T09:00:00Z"))
                .isEqualTo("[burnrate] Runaway still running: OpenAI about $4,820.50 since Nov 10 09:00 UTC");
        assertThat(subject(AlertKind.RUNAWAY_ESCALATION, TOTAL, 1, "430", "9.10", "openai@2026-11-10T09:00:00Z"))
                .isEqualTo("[burnrate] Runaway worse: OpenAI now about $430.00 an hour (normally $9.10)");
        assertThat(subject(AlertKind.RUNAWAY_ACCEPTED, TOTAL, 0, "190", "9.10", "openai@2026-11-10T09:00:00Z"))
                .isEqualTo("[burnrate] Runaway accepted as normal: OpenAI about $190.00 an hour");
        assertThat(subject(AlertKind.RUNAWAY_OVER, TOTAL, 0, "4820.50", "240", "openai@2026-11-10T09:00:00Z"))
                .isEqualTo("[burnrate] Runaway over: OpenAI spend is back to normal");
        assertThat(subject(AlertKind.ACTUAL, TOTAL, 120, "6100", "6000"))
                .isEqualTo("[burnrate] AI spend $6,100 is over the 120% line of the $5,000 budget ($6,000) for "
                        + "November 2026");
    }

    @Test
    void theCrossingIsInThePastTenseOnlyOnceItHappened() {
        java.time.Instant asOf = java.time.Instant.parse("2026-11-20T10:00:00Z");
        java.util.function.Function<String, AlertComposer.Fact> fact = day -> AlertComposer.crossingFact(
                new dev.burnrate.forecast.Forecast(new BigDecimal("800"), new BigDecimal("1200"), new BigDecimal("1300"),
                        new BigDecimal("40"), day == null ? null : java.time.LocalDate.parse(day), null), asOf);
        assertThat(fact.apply("2026-11-25")).isEqualTo(new AlertComposer.Fact("Budget crosses on", "Nov 25"));
        assertThat(fact.apply("2026-11-20")).isEqualTo(new AlertComposer.Fact("Budget crossed on", "Nov 20"));
        assertThat(fact.apply("2026-11-03")).isEqualTo(new AlertComposer.Fact("Budget crossed on", "Nov 3"));
        assertThat(fact.apply(null)).isEqualTo(new AlertComposer.Fact("Budget crossing", "not this month at this pace"));
    }

    @Test
    void aSubjectSnsWouldRefuseIsRejected() {
        assertThatThrownBy(() -> new AlertMessage("actual_exceeds_budget", Severity.CRITICAL, "total", null,
                "x".repeat(100), "t", "h", CONTENT, null, false, null)).hasMessageStartingWith("subject must be 1-99 printable ASCII characters");
        assertThatThrownBy(() -> new AlertMessage("actual_exceeds_budget", Severity.CRITICAL, "total", null,
                "spend \u2013 over", "t", "h", CONTENT, null, false, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsDollarsWithCentsAndThousands() {
        assertThat(AlertComposer.dollars(new BigDecimal("1234567.891"))).isEqualTo("$1,234,567.89");
        assertThat(AlertComposer.dollars(null)).isEqualTo("n/a");
        assertThat(AlertComposer.wholeDollars(new BigDecimal("999.5"))).isEqualTo("$1,000");
    }
}
