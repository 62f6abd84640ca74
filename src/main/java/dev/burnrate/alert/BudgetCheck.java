package dev.burnrate.alert;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * @param due      the alerts that are due now
     * @param holding  the alerts that still hold within the hysteresis band (see {@link BudgetEvaluator#holding})
     * @param awaiting forecast alerts whose level the forecast is over but that are not confirmed yet (see
     *                 {@link BudgetEvaluator#needsConfirmation}): not due, and nothing is stored for them
     */
    public record Outcome(Budget budget, Forecast forecast, List<AlertDecision> due, List<AlertDecision> holding,
            List<AlertDecision> awaiting) {

        public Outcome {
            due = List.copyOf(due);
            holding = List.copyOf(holding);
            awaiting = List.copyOf(awaiting);
        }

        /** An outcome with nothing awaiting confirmation. */
        public Outcome(Budget budget, Forecast forecast, List<AlertDecision> due, List<AlertDecision> holding) {
            this(budget, forecast, due, holding, List.of());
        }
    }

    /**
     * @param month the budget month of the check (see {@link CheckTime}): the same for every stage of a run
     * @param spend the daily spend that counts against a budget (see {@link SpendForecaster} for the map's meaning)
     */
    public List<Outcome> evaluate(List<Budget> budgets, Function<Budget, NavigableMap<LocalDate, BigDecimal>> spend,
            Instant asOf, YearMonth month) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Budget budget : budgets) {
            NavigableMap<LocalDate, BigDecimal> days = spend.apply(budget);
            Forecast forecast = forecaster.forecast(days, asOf, month, budget.monthlyUsd());
            List<AlertDecision> due = new ArrayList<>();
            List<AlertDecision> awaiting = new ArrayList<>();
            Earlier earlier = new Earlier(days, asOf, month, budget);
            for (AlertDecision decision : evaluator.evaluate(budget, forecast)) {
                boolean confirmed = !evaluator.needsConfirmation(decision, forecast, dayOf(asOf))
                        || earlier.confirm(decision);
                (confirmed ? due : awaiting).add(decision);
            }
            outcomes.add(new Outcome(budget, forecast, due, evaluator.holding(budget, forecast), awaiting));
        }
        return outcomes;
    }

    /**
     * The forecasts of one budget at the same time on the days before a check, from the spend known now, made only
     * when a decision needs them and at most once each.
     */
    private final class Earlier {
        private final NavigableMap<LocalDate, BigDecimal> days;
        private final Instant asOf;
        private final YearMonth month;
        private final Budget budget;
        private final Map<Integer, List<AlertDecision>> due = new HashMap<>();

        Earlier(NavigableMap<LocalDate, BigDecimal> days, Instant asOf, YearMonth month, Budget budget) {
            this.days = days;
            this.asOf = asOf;
            this.month = month;
            this.budget = budget;
        }

        /**
         * True when {@code decision} (its kind and level) was also due at the same time on each of the confirmation
         * days before this one; a day before the month began cannot confirm it.
         */
        boolean confirm(AlertDecision decision) {
            Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int back = 1; back < evaluator.confirmDays(); back++) {
                Instant then = asOf.minus(Duration.ofDays(back));
                if (then.isBefore(monthStart)) {
                    return false;
                }
                List<AlertDecision> dueThen = due.computeIfAbsent(back, b -> evaluator.evaluate(budget,
                        forecaster.forecast(days, then, month, budget.monthlyUsd())));
                if (dueThen.stream().noneMatch(d -> d.kind() == decision.kind() && d.level() == decision.level())) {
                    return false;
                }
            }
            return true;
        }
    }

    private static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
