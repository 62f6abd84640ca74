package dev.burnrate.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

class AlertPlannerTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private final Budget total = Budget.total(new BigDecimal("1000"));
    private final Budget openai = new Budget("openai", "OpenAI", "openai", null, new BigDecimal("600"));
    private final AlertPlanner planner = new AlertPlanner();

    private AlertDecision actual(Budget budget, int level) {
        return new AlertDecision(Trigger.ACTUAL, budget, level, BigDecimal.TEN, BigDecimal.ONE);
    }

    private AlertDecision forecast(Budget budget) {
        return new AlertDecision(Trigger.FORECAST, budget, 100, BigDecimal.TEN, BigDecimal.ONE);
    }

    @Test
    void sendsOnlyTheMostUrgentNewAlertPerBudgetAndClaimsTheRest() {
        AlertState state = AlertState.inMemory();

        AlertPlanner.Plan first = planner.plan(NOV, List.of(actual(total, 50), actual(total, 80), forecast(total),
                actual(openai, 50)), state);

        assertThat(first.send()).extracting(d -> d.budget().id() + ":" + d.kind())
                .containsExactly("total:forecast_exceeds_budget", "openai:actual_threshold_50");
        assertThat(first.claimed()).hasSize(4);
    }

    @Test
    void sendsEachAlertOncePerMonthAndEscalatesOnlyToNewLevels() {
        AlertState state = AlertState.inMemory();
        planner.plan(NOV, List.of(actual(total, 50), forecast(total)), state);

        AlertPlanner.Plan again = planner.plan(NOV, List.of(actual(total, 50), forecast(total)), state);
        AlertPlanner.Plan worse = planner.plan(NOV, List.of(actual(total, 50), forecast(total), actual(total, 100)),
                state);
        AlertPlanner.Plan nextMonth = planner.plan(NOV.plusMonths(1), List.of(actual(total, 50)), state);

        assertThat(again.send()).isEmpty();
        assertThat(worse.send()).extracting(AlertDecision::kind).containsExactly("actual_exceeds_budget");
        assertThat(nextMonth.send()).extracting(AlertDecision::kind).containsExactly("actual_threshold_50");
    }

    @Test
    void eachRunawayEpisodeIsSentOnce() {
        AlertState state = AlertState.inMemory();
        AlertDecision loop = new AlertDecision(Trigger.RUNAWAY, total, 8, BigDecimal.TEN, BigDecimal.ONE,
                "openai@2026-11-14T09:00:00Z");
        AlertDecision later = new AlertDecision(Trigger.RUNAWAY, total, 5, BigDecimal.TEN, BigDecimal.ONE,
                "openai@2026-11-20T02:00:00Z");

        assertThat(planner.plan(NOV, List.of(loop, forecast(total)), state).send()).hasSize(2);
        assertThat(planner.plan(NOV, List.of(loop), state).send()).isEmpty();
        assertThat(planner.plan(NOV, List.of(later), state).send()).containsExactly(later);
    }

    @Test
    void previewClaimsNothing() {
        AlertState state = AlertState.inMemory();

        assertThat(planner.preview(NOV, List.of(forecast(total)), state)).hasSize(1);
        assertThat(planner.plan(NOV, List.of(forecast(total)), state).send()).hasSize(1);
    }
}
