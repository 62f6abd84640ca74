package dev.burnrate.alert;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
    /** A forecast at least this far over its level is clear: its alert goes out without confirmation. */
    static final BigDecimal CLEAR_MARGIN = new BigDecimal("1.10");
    /** A crossing at most this many days away is near: its alert goes out without confirmation. */
    static final int NEAR_DAYS = 7;

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

    /**
     * True when a due forecast alert must be confirmed before it goes out: the forecast is less than 10% over its
     * level and the day it crosses the level (on the forecast's path, P50 or P90 as configured) is more than
     * {@value #NEAR_DAYS} days after {@code today}, or unknown. Such a crossing leaves time to wait, and a forecast
     * that is only just over a level far ahead is what a month that starts high and then eases (a decline, a refund
     * still to come) looks like for its first days. With one confirmation day nothing needs confirming.
     */
    public boolean needsConfirmation(AlertDecision decision, Forecast forecast, LocalDate today) {
        if (decision.kind() != AlertKind.FORECAST || thresholds.forecastConfirmDays() <= 1
                || decision.valueUsd().compareTo(decision.thresholdUsd().multiply(CLEAR_MARGIN)) >= 0) {
            return false;
        }
        boolean p90 = thresholds.forecastBasis() == Thresholds.Basis.P90;
        return forecast.path().stream()
                .filter(day -> (p90 ? day.p90Usd() : day.p50Usd()).compareTo(decision.thresholdUsd()) > 0)
                .findFirst()
                .map(day -> ChronoUnit.DAYS.between(today, day.day()) > NEAR_DAYS)
                .orElse(true);
    }

    /** How many days in a row a forecast alert that needs confirmation must be due (see {@link Thresholds}). */
    public int confirmDays() {
        return thresholds.forecastConfirmDays();
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
