package dev.burnrate.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.Function;

import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.SpendForecaster;

/**
 * Forecasts every budget from its own daily spend and decides which of its alerts are due. The Lambda and the
 * backtest both call this, so a replay decides exactly as the function would have.
 */
public final class BudgetCheck {

    private final SpendForecaster forecaster;
    private final BudgetEvaluator evaluator;

    public BudgetCheck(SpendForecaster forecaster, Thresholds thresholds) {
        this.forecaster = forecaster;
        this.evaluator = new BudgetEvaluator(thresholds);
    }

    /**
     * One budget's state at one instant.
     *
     * @param holding the alerts that still hold within the hysteresis band (see {@link BudgetEvaluator#holding})
     */
    public record Outcome(Budget budget, Forecast forecast, List<AlertDecision> due, List<AlertDecision> holding) {
    }

    /**
     * @param spend the daily spend that counts against a budget (see {@link SpendForecaster} for the map's meaning)
     */
    public List<Outcome> evaluate(List<Budget> budgets, Function<Budget, NavigableMap<LocalDate, BigDecimal>> spend,
            Instant asOf) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Budget budget : budgets) {
            Forecast forecast = forecaster.forecast(spend.apply(budget), asOf, budget.monthlyUsd());
            outcomes.add(new Outcome(budget, forecast, evaluator.evaluate(budget, forecast),
                    evaluator.holding(budget, forecast)));
        }
        return outcomes;
    }

    /** Every due alert of these outcomes, in budget order. */
    public static List<AlertDecision> due(List<Outcome> outcomes) {
        return outcomes.stream().flatMap(o -> o.due().stream()).toList();
    }

    /** The keys of every alert of these outcomes that still holds within the hysteresis band. */
    public static Set<AlertKey> holding(YearMonth month, List<Outcome> outcomes) {
        Set<AlertKey> keys = new HashSet<>();
        outcomes.forEach(o -> o.holding().forEach(d -> keys.add(AlertKey.of(month, d))));
        return keys;
    }
}
