package dev.burnrate.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.burnrate.forecast.Forecast;

class AlertPlannerTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private final Budget total = Budget.total(new BigDecimal("1000"));
    private final Budget openai = new Budget("openai", "OpenAI", "openai", null, new BigDecimal("600"));
    private final AlertPlanner planner = new AlertPlanner();
    private final BudgetCheck check = new BudgetCheck(null, Thresholds.defaults());

    private AlertDecision actual(Budget budget, int level) {
        return new AlertDecision(Trigger.ACTUAL, budget, level, BigDecimal.TEN, BigDecimal.ONE);
    }

    private AlertDecision forecast(Budget budget) {
        return new AlertDecision(Trigger.FORECAST, budget, 100, BigDecimal.TEN, BigDecimal.ONE);
    }

    private static Set<AlertKey> keys(List<AlertDecision> decisions) {
        Set<AlertKey> keys = new HashSet<>();
        decisions.forEach(d -> keys.add(AlertKey.of(NOV, d)));
        return keys;
    }

    private AlertPlanner.Plan plan(List<AlertDecision> due, AlertState state) {
        return planner.plan(NOV, due, keys(due), state);
    }

    @Test
    void sendsOnlyTheMostUrgentNewAlertPerBudgetAndClaimsTheRest() {
        AlertState state = AlertState.inMemory();

        AlertPlanner.Plan first = plan(List.of(actual(total, 50), actual(total, 80), forecast(total),
                actual(openai, 50)), state);

        assertThat(first.send()).extracting(d -> d.budget().id() + ":" + d.kind())
                .containsExactly("total:forecast_exceeds_budget", "openai:actual_threshold_50");
        assertThat(first.claimed()).hasSize(4);
        assertThat(state.alerts(NOV).get(AlertKey.of(NOV, actual(total, 80)))).isEqualTo(AlertState.Status.SUPPRESSED);
    }

    /**
     * The lifecycle of one budget through a month of checks. Each step: month-to-date spend and P50 forecast;
     * the messages that go out (kinds, "recovered:" for recoveries).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | checks as mtd/p50 separated by spaces | messages per check, ';' between checks
            "a quiet month sends nothing | 100/600 200/700 300/800 | ;;",
            "a crossing forecast sends once while it holds | 100/900 200/1100 250/1150 300/1200 | ;forecast_exceeds_budget;;",
            "within the hysteresis band it does not flap | 200/1100 210/990 220/1010 230/960 240/940 | forecast_exceeds_budget;;;;recovered:forecast_exceeds_budget",
            "recovery then a new crossing sends again | 200/1100 200/900 300/1100 | forecast_exceeds_budget;recovered:forecast_exceeds_budget;forecast_exceeds_budget",
            "escalation: 50% then 80% then over | 510/900 810/990 1010/1200 | actual_threshold_50;actual_threshold_80;actual_exceeds_budget",
            "a forecast overtaken by spend is not recovered | 600/1100 1050/1100 | forecast_exceeds_budget;actual_exceeds_budget",
            "several levels at once: one message | 850/1300 900/1300 | forecast_exceeds_budget;",
    })
    void followsTheLifecycle(String name, String checks, String expected) {
        AlertState state = AlertState.inMemory();
        BudgetEvaluator evaluator = new BudgetEvaluator(Thresholds.defaults());
        List<String> messages = new ArrayList<>();
        for (String step : checks.trim().split("\\s+")) {
            String[] figures = step.split("/");
            Forecast f = new Forecast(new BigDecimal(figures[0]), new BigDecimal(figures[1]),
                    new BigDecimal(figures[1]), null, null, null);
            List<AlertDecision> due = evaluator.evaluate(total, f);
            Set<AlertKey> holding = keys(evaluator.holding(total, f));
            AlertPlanner.Plan p = planner.plan(NOV, due, holding, state);
            List<String> out = new ArrayList<>(p.send().stream().map(AlertDecision::kind).toList());
            p.recovered().forEach(k -> out.add("recovered:" + k.kind()));
            messages.add(String.join(",", out));
        }
        assertThat(String.join(";", messages)).isEqualTo(expected.trim());
    }

    @Test
    void aNewMonthStartsClean() {
        AlertState state = AlertState.inMemory();
        plan(List.of(actual(total, 50)), state);

        AlertPlanner.Plan nextMonth = planner.plan(NOV.plusMonths(1), List.of(actual(total, 50)),
                Set.of(AlertKey.of(NOV.plusMonths(1), actual(total, 50))), state);

        assertThat(nextMonth.send()).extracting(AlertDecision::kind).containsExactly("actual_threshold_50");
    }

    @Test
    void eachRunawayEpisodeIsSentOnceAndRecoversWhenItEnds() {
        AlertState state = AlertState.inMemory();
        AlertDecision loop = new AlertDecision(Trigger.RUNAWAY, total, 0, BigDecimal.TEN, BigDecimal.ONE,
                "openai@2026-11-14T09:00:00Z");
        AlertDecision later = new AlertDecision(Trigger.RUNAWAY, total, 0, BigDecimal.TEN, BigDecimal.ONE,
                "openai@2026-11-20T02:00:00Z");

        assertThat(plan(List.of(loop, forecast(total)), state).send()).hasSize(2);
        assertThat(plan(List.of(loop, forecast(total)), state).send()).isEmpty();
        AlertPlanner.Plan over = plan(List.of(forecast(total)), state);
        assertThat(over.recovered()).containsExactly(AlertKey.of(NOV, loop));
        assertThat(plan(List.of(later, forecast(total)), state).send()).containsExactly(later);
    }

    @Test
    void suppressedAlertsRecoverSilently() {
        AlertState state = AlertState.inMemory();
        plan(List.of(actual(total, 50), forecast(total)), state);

        AlertPlanner.Plan plan = planner.plan(NOV, List.of(actual(total, 50)), Set.of(AlertKey.of(NOV,
                actual(total, 50))), state);

        // the forecast alert was sent: its recovery is announced; nothing else was
        assertThat(plan.recovered()).containsExactly(AlertKey.of(NOV, forecast(total)));
    }

    @Test
    void previewClaimsNothing() {
        AlertState state = AlertState.inMemory();

        assertThat(planner.preview(NOV, List.of(forecast(total)), state)).hasSize(1);
        assertThat(plan(List.of(forecast(total)), state).send()).hasSize(1);
    }
}
