package dev.burnrate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.burnrate.budget.AlertDecision;
import dev.burnrate.budget.AlertKind;
import dev.burnrate.budget.Budget;
import dev.burnrate.forecast.Forecast;

class AlertComposerTest {

    private static final Budget BUDGET = new Budget("total", "All vendors", new BigDecimal("5000"));

    private static AlertContext context(Forecast forecast) {
        return new AlertContext(YearMonth.of(2026, 11), Instant.parse("2026-11-12T08:00:00Z"), BUDGET, forecast,
                List.of());
    }

    @Test
    void forecastSubjectSaysHowMuchOfWhatAndWhen() {
        Forecast forecast = new Forecast(new BigDecimal("2400"), new BigDecimal("6240.40"),
                new BigDecimal("6900"), new BigDecimal("208"), LocalDate.of(2026, 11, 19), null);
        AlertDecision decision = new AlertDecision(AlertKind.FORECAST_EXCEEDS_BUDGET, BUDGET, 100,
                forecast.p50Usd(), BUDGET.monthlyUsd());

        assertThat(AlertComposer.subject(decision, context(forecast)))
                .isEqualTo("[burnrate] AI spend forecast $6,240 of $5,000 budget - crosses on Nov 19");
    }

    @Test
    void actualSubjectNamesTheMonth() {
        Forecast forecast = new Forecast(new BigDecimal("5120.75"), null, null, null, LocalDate.of(2026, 11, 27),
                "not enough data yet");
        AlertDecision decision = new AlertDecision(AlertKind.ACTUAL_EXCEEDS_BUDGET, BUDGET, 100,
                forecast.monthToDateUsd(), BUDGET.monthlyUsd());

        assertThat(AlertComposer.subject(decision, context(forecast)))
                .isEqualTo("[burnrate] AI spend $5,121 is over the $5,000 budget for November 2026");
    }

    @Test
    void aSubjectSnsWouldRefuseIsRejected() {
        assertThatThrownBy(() -> new AlertMessage(AlertKind.ACTUAL_EXCEEDS_BUDGET, "total", "x".repeat(100), "t", "h"))
                .hasMessageStartingWith("subject must be 1-99 printable ASCII characters");
        assertThatThrownBy(() -> new AlertMessage(AlertKind.ACTUAL_EXCEEDS_BUDGET, "total", "spend – over", "t", "h"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsDollarsWithCentsAndThousands() {
        assertThat(AlertComposer.dollars(new BigDecimal("1234567.891"))).isEqualTo("$1,234,567.89");
        assertThat(AlertComposer.dollars(null)).isEqualTo("n/a");
        assertThat(AlertComposer.wholeDollars(new BigDecimal("999.5"))).isEqualTo("$1,000");
    }
}
