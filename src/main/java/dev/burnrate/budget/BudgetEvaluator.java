package dev.burnrate.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.burnrate.forecast.Forecast;

/** Decides which budget alerts are due, given a budget's month-to-date spend and forecast. */
public final class BudgetEvaluator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Thresholds thresholds;

    public BudgetEvaluator(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * An actual-spend alert for every level month-to-date spend is above; a forecast alert for every level the
     * forecast (P50 or P90) is above while spend itself is not yet. No forecast, no forecast alert.
     */
    public List<AlertDecision> evaluate(Budget budget, Forecast forecast) {
        List<AlertDecision> due = new ArrayList<>();
        BigDecimal spent = forecast.monthToDateUsd();
        for (int level : thresholds.actualPercents()) {
            BigDecimal limit = limit(budget, level);
            if (spent.compareTo(limit) > 0) {
                due.add(new AlertDecision(Trigger.ACTUAL, budget, level, spent, limit));
            }
        }
        if (forecast.available()) {
            BigDecimal projected = thresholds.forecastBasis() == Thresholds.Basis.P90 ? forecast.p90Usd()
                    : forecast.p50Usd();
            for (int level : thresholds.forecastPercents()) {
                BigDecimal limit = limit(budget, level);
                if (projected.compareTo(limit) > 0 && spent.compareTo(limit) <= 0) {
                    due.add(new AlertDecision(Trigger.FORECAST, budget, level, projected, limit));
                }
            }
        }
        return due;
    }

    private static BigDecimal limit(Budget budget, int level) {
        return budget.monthlyUsd().multiply(BigDecimal.valueOf(level)).divide(HUNDRED);
    }
}
