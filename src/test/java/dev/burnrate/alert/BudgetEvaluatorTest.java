package dev.burnrate.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecast;

class BudgetEvaluatorTest {

    private final Budget budget = Budget.total(new BigDecimal("1000"));

    private static Forecast forecast(String mtd, String p50, String p90) {
        return new Forecast(new BigDecimal(mtd), p50 == null ? null : new BigDecimal(p50),
                p90 == null ? null : new BigDecimal(p90), null, null, p50 == null ? "not enough data yet" : null);
    }

    @ParameterizedTest(name = "mtd {0}, p50 {1}, p90 {2}, basis {3} -> {4}")
    @CsvSource(nullValues = "none", value = {
            "100,     900,  950,  P50, none",
            "500,     1001, 1100, P50, forecast_exceeds_budget",
            "500.01,  1000, 1100, P50, actual_threshold_50",
            "501,     1001, 1100, P50, actual_threshold_50 forecast_exceeds_budget",
            "501,     990,  1100, P90, actual_threshold_50 forecast_exceeds_budget",
            "850,     1500, 1600, P50, actual_threshold_50 actual_threshold_80 forecast_exceeds_budget",
            "1000.01, 1500, 1600, P50, actual_threshold_50 actual_threshold_80 actual_exceeds_budget",
            "1200,    none, none, P50, actual_threshold_50 actual_threshold_80 actual_exceeds_budget",
            "400,     none, none, P50, none",
    })
    void decidesWhichAlertsAreDue(String mtd, String p50, String p90, Thresholds.Basis basis, String expected) {
        BudgetEvaluator evaluator = new BudgetEvaluator(new Thresholds(List.of(50, 80, 100), List.of(100), basis));

        List<AlertDecision> due = evaluator.evaluate(budget, forecast(mtd, p50, p90));

        assertThat(due).extracting(AlertDecision::wireName)
                .containsExactlyElementsOf(expected == null ? List.of() : Arrays.asList(expected.split(" ")));
    }

    @Test
    void thresholdsAboveAHundredPercentEscalate() {
        BudgetEvaluator evaluator = new BudgetEvaluator(new Thresholds(List.of(100, 120), List.of(100, 150),
                Thresholds.Basis.P50));

        List<AlertDecision> due = evaluator.evaluate(budget, forecast("1250", "1600", "1700"));

        assertThat(due).extracting(AlertDecision::wireName)
                .containsExactly("actual_exceeds_budget", "actual_threshold_120", "forecast_threshold_150");
        assertThat(due.get(1).thresholdUsd()).isEqualByComparingTo("1200");
        assertThat(due.get(1).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(due.get(2).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aBudgetMustBePositiveAndThresholdsSensible() {
        assertThatThrownBy(() -> Budget.total(BigDecimal.ZERO))
                .hasMessage("budget 'total' must be a positive USD amount, got 0");
        assertThatThrownBy(() -> new Thresholds(List.of(0), List.of(100), Thresholds.Basis.P50))
                .hasMessage("actual thresholds must be percentages from 1 to 1000, got 0");
    }
}
