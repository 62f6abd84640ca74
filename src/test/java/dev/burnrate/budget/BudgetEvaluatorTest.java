package dev.burnrate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.burnrate.forecast.Forecast;

class BudgetEvaluatorTest {

    private final Budget budget = new Budget("total", "All vendors", new BigDecimal("1000"));

    @ParameterizedTest(name = "mtd {0}, p50 {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "500,    900,  none",
            "500,    1000, none",
            "500,    1001, forecast_exceeds_budget",
            "1000,   1500, forecast_exceeds_budget",
            "1000.01, 1500, actual_exceeds_budget",
            "1200,   none, actual_exceeds_budget",
            "900,    none, none",
    })
    void decidesWhichAlertIsDue(String mtd, String p50, String expected) {
        Forecast forecast = new Forecast(new BigDecimal(mtd), p50 == null ? null : new BigDecimal(p50),
                p50 == null ? null : new BigDecimal(p50), null, null, p50 == null ? "not enough data yet" : null);

        List<AlertDecision> due = new BudgetEvaluator().evaluate(budget, forecast);

        assertThat(due).extracting(d -> d.kind().wireName())
                .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
        due.forEach(d -> assertThat(d.thresholdUsd()).isEqualByComparingTo("1000"));
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> new Budget("total", "All vendors", BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("budget 'total' must be a positive USD amount, got 0");
    }
}
