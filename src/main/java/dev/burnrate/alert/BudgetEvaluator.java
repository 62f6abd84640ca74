package dev.burnrate.alert;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecast;

/** Decides which budget alerts are due, given a budget's month-to-date spend and forecast. */
public final class BudgetEvaluator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** An alert recovers only when its figure falls 5% below the threshold, so a value hovering on it does not flap. */
    static final BigDecimal HYSTERESIS = new BigDecimal("0.95");

    private final Thresholds thresholds;

    public BudgetEvaluator(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * An actual-spend alert for every level month-to-date spend is above; a forecast alert for every level the
     * forecast (P50 or P90) is above while spend itself is not yet. No forecast, no forecast alert.
     */
    public List<AlertDecision> evaluate(Budget budget, Forecast forecast) {
        return decide(budget, forecast, BigDecimal.ONE);
    }

    /**
     * The alerts that still hold within the hysteresis band: their figure is above 95% of the threshold (a
     * forecast alert also holds once spend itself passed the threshold: it was superseded, not recovered). An
     * active alert not among these has recovered.
     */
    public List<AlertDecision> holding(Budget budget, Forecast forecast) {
        List<AlertDecision> holding = new ArrayList<>(decide(budget, forecast, HYSTERESIS));
        for (int level : thresholds.forecastPercents()) {
            BigDecimal limit = limit(budget, level);
            if (forecast.monthToDateUsd().compareTo(limit) > 0) {
                holding.add(new AlertDecision(AlertKind.FORECAST, budget, level, forecast.monthToDateUsd(), limit));
            }
        }
        return holding;
    }

    private List<AlertDecision> decide(Budget budget, Forecast forecast, BigDecimal factor) {
        List<AlertDecision> due = new ArrayList<>();
        BigDecimal spent = forecast.monthToDateUsd();
        for (int level : thresholds.actualPercents()) {
            BigDecimal limit = limit(budget, level);
            if (spent.compareTo(limit.multiply(factor)) > 0) {
                due.add(new AlertDecision(AlertKind.ACTUAL, budget, level, spent, limit));
            }
        }
        if (forecast.available()) {
            BigDecimal projected = thresholds.forecastBasis() == Thresholds.Basis.P90 ? forecast.p90Usd()
                    : forecast.p50Usd();
            for (int level : thresholds.forecastPercents()) {
                BigDecimal limit = limit(budget, level);
                if (projected.compareTo(limit.multiply(factor)) > 0 && spent.compareTo(limit) <= 0) {
                    due.add(new AlertDecision(AlertKind.FORECAST, budget, level, projected, limit));
                }
            }
        }
        return due;
    }

    private static BigDecimal limit(Budget budget, int level) {
        return budget.monthlyUsd().multiply(BigDecimal.valueOf(level)).divide(HUNDRED);
    }
}
