package dev.burnrate.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.burnrate.forecast.Forecast;

/** Decides which alerts a budget calls for, given month-to-date spend and the forecast. */
public final class BudgetEvaluator {

    private static final int FULL_BUDGET = 100;

    /**
     * The alerts due: {@code actual_exceeds_budget} when month-to-date spend is above the budget, otherwise
     * {@code forecast_exceeds_budget} when the P50 forecast is. Once spend itself is over, the forecast alert
     * says nothing new and is not due. No forecast, no forecast alert.
     */
    public List<AlertDecision> evaluate(Budget budget, Forecast forecast) {
        List<AlertDecision> due = new ArrayList<>();
        BigDecimal limit = budget.monthlyUsd();
        if (forecast.monthToDateUsd().compareTo(limit) > 0) {
            due.add(new AlertDecision(AlertKind.ACTUAL_EXCEEDS_BUDGET, budget, FULL_BUDGET,
                    forecast.monthToDateUsd(), limit));
        } else if (forecast.available() && forecast.p50Usd().compareTo(limit) > 0) {
            due.add(new AlertDecision(AlertKind.FORECAST_EXCEEDS_BUDGET, budget, FULL_BUDGET, forecast.p50Usd(),
                    limit));
        }
        return due;
    }
}
