package dev.burnrate.alert;

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

import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.SpendForecaster;

/**
 * Forecasts every budget from its own daily spend and says which of its alerts are due and which still hold.
 * {@link AlertEngine} calls it for the Lambda and the backtest alike.
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
     * @param month the budget month of the check (see {@link CheckTime}): the same for every stage of a run
     * @param spend the daily spend that counts against a budget (see {@link SpendForecaster} for the map's meaning)
     */
    public List<Outcome> evaluate(List<Budget> budgets, Function<Budget, NavigableMap<LocalDate, BigDecimal>> spend,
            Instant asOf, YearMonth month) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Budget budget : budgets) {
            Forecast forecast = forecaster.forecast(spend.apply(budget), asOf, month, budget.monthlyUsd());
            outcomes.add(new Outcome(budget, forecast, evaluator.evaluate(budget, forecast),
                    evaluator.holding(budget, forecast)));
        }
        return outcomes;
    }

}
