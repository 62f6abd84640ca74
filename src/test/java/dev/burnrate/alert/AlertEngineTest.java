package dev.burnrate.alert;

import static dev.burnrate.alert.EngineRun.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.Forecaster;

/** The alert engine's decisions, transition by transition, on the in-memory state the backtest uses. */
class AlertEngineTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private static final Instant AS_OF = at("2026-11-20T10:00:00Z");
    private final Budget total = Budget.total(new BigDecimal("1000"));
    private final Budget openai = new Budget("openai", "OpenAI", "openai", null, new BigDecimal("600"));
    private final BudgetEvaluator evaluator = new BudgetEvaluator(Thresholds.defaults());
    private final AlertEngine engine = new AlertEngine(List.of(total, openai), new Forecaster(), Thresholds.defaults(),
            AlertEngine.Settings.defaults());

    private BudgetCheck.Outcome outcome(Budget budget, String mtd, String p50) {
        Forecast f = new Forecast(new BigDecimal(mtd), new BigDecimal(p50), new BigDecimal(p50), null, null, null);
        return new BudgetCheck.Outcome(budget, f, evaluator.evaluate(budget, f), evaluator.holding(budget, f));
    }

    private AlertEngine.Outcome check(AlertState state, Instant asOf, List<BudgetCheck.Outcome> budgets,
            List<AlertEngine.VendorView> vendors) {
        YearMonth month = YearMonth.from(asOf.atZone(java.time.ZoneOffset.UTC));
        AlertEngine.Plan plan = engine.plan(new AlertEngine.Situation(asOf, month, budgets, vendors),
                state.read(AlertEngine.monthsRead(month), vendors.stream().map(AlertEngine.VendorView::vendor).toList()));
        return engine.apply(plan, state);
    }

    private static List<String> messages(AlertEngine.Outcome outcome) {
        List<String> out = new ArrayList<>();
        outcome.sent().forEach(d -> out.add((d.budget().isTotal() ? "" : d.budget().id() + ":") + d.wireName()
                + (d.vendor() == null ? "" : ":" + d.vendor())));
        outcome.recovered().forEach(k -> out.add("recovered:" + k.wireName() + (k.vendor() == null ? "" : ":" + k.vendor())));
        return out;
    }

    @Test
    void sendsOnlyTheMostUrgentNewAlertPerBudgetAndClaimsTheRestSilently() {
        AlertState state = AlertState.inMemory();

        AlertEngine.Outcome first = check(state, AS_OF, List.of(outcome(total, "850", "1300"),
                outcome(openai, "310", "500")), List.of());

        assertThat(messages(first)).containsExactly("forecast_exceeds_budget", "openai:actual_threshold_50");
        assertThat(first.claimed()).extracting(AlertDecision::wireName).containsExactlyInAnyOrder(
                "forecast_exceeds_budget", "actual_threshold_50", "actual_threshold_50", "actual_threshold_80");
        assertThat(state.read(AlertEngine.monthsRead(NOV), List.of()).alerts())
                .containsEntry(new AlertKey(NOV, "total", AlertKind.ACTUAL, 80, null), AlertState.Status.SUPPRESSED);
    }

    /**
     * One budget through a month of checks. Each step: month-to-date spend and the P50 forecast; the messages that
     * go out ("recovered:" for recoveries).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a quiet month sends nothing | 100/600 200/700 300/800 | ;;",
            "a crossing forecast sends once while it holds | 100/900 200/1100 250/1150 300/1200 | ;forecast_exceeds_budget;;",
            "within the hysteresis band it does not flap | 200/1100 210/990 220/1010 230/960 240/940 | forecast_exceeds_budget;;;;recovered:forecast_exceeds_budget",
            "recovery then a new crossing sends again | 200/1100 200/900 300/1100 | forecast_exceeds_budget;recovered:forecast_exceeds_budget;forecast_exceeds_budget",
            "escalation: 50% then 80% then over | 510/900 810/990 1010/1200 | actual_threshold_50;actual_threshold_80;actual_exceeds_budget",
            "a forecast overtaken by spend is not recovered | 600/1100 1050/1100 | forecast_exceeds_budget;actual_exceeds_budget",
            "several levels at once: one message | 850/1300 900/1300 | forecast_exceeds_budget;",
            "spend exactly at the budget is not over it | 1000/1000 1000.01/1000.01 | actual_threshold_80;actual_exceeds_budget",
            "a forecast exactly at the budget does not cross it | 100/1000 100/1000.01 | ;forecast_exceeds_budget",
            "it still holds a cent above 95% and recovers at exactly 95% | 200/1100 200/950.01 200/950 | forecast_exceeds_budget;;recovered:forecast_exceeds_budget",
            "spend exactly at 50% is not past it | 500/600 500.01/600 | ;actual_threshold_50",
    })
    void followsTheBudgetLifecycle(String name, String checks, String expected) {
        AlertState state = AlertState.inMemory();
        List<String> all = new ArrayList<>();
        Instant asOf = AS_OF;
        for (String step : checks.trim().split("\\s+")) {
            String[] figures = step.split("/");
            all.add(String.join(",", messages(check(state, asOf, List.of(outcome(total, figures[0], figures[1])),
                    List.of()))));
            asOf = asOf.plus(Duration.ofHours(1));
        }
        assertThat(String.join(";", all)).isEqualTo(expected.trim());
    }

    @Test
    void aNewMonthStartsCleanForBudgetsAndLeavesLastMonthsAlertsAlone() {
        AlertState state = AlertState.inMemory();
        check(state, at("2026-11-30T23:00:00Z"), List.of(outcome(total, "600", "700")), List.of());

        AlertEngine.Outcome december = check(state, at("2026-12-01T00:00:00Z"), List.of(outcome(total, "600", "700")),
                List.of());
        AlertEngine.Outcome quiet = check(state, at("2026-12-01T01:00:00Z"), List.of(outcome(total, "0", "0")),
                List.of());

        assertThat(messages(december)).containsExactly("actual_threshold_50");
        // December's 50% recovers; November's stays as it was (no "back under" for a month that is over)
        assertThat(messages(quiet)).containsExactly("recovered:actual_threshold_50");
        assertThat(state.read(java.util.Set.of(NOV), List.of()).alerts())
                .containsEntry(new AlertKey(NOV, "total", AlertKind.ACTUAL, 50, null), AlertState.Status.SENT);
    }

    @Test
    void suppressedAlertsRecoverSilently() {
        AlertState state = AlertState.inMemory();
        check(state, AS_OF, List.of(outcome(total, "600", "1200")), List.of());

        AlertEngine.Outcome next = check(state, AS_OF.plusSeconds(3600), List.of(outcome(total, "600", "700")), List.of());

        // the forecast alert was sent, so its recovery is announced; the 50% one was claimed silently and holds
        assertThat(messages(next)).containsExactly("recovered:forecast_exceeds_budget");
    }

    @Test
    void aPlanThatIsNotAppliedClaimsNothing() {
        AlertState state = AlertState.inMemory();
        AlertEngine.Plan plan = engine.plan(new AlertEngine.Situation(AS_OF, NOV, List.of(outcome(total, "100", "1200")),
                List.of()), state.read(AlertEngine.monthsRead(NOV), List.of()));

        assertThat(plan.claims()).extracting(c -> c.decision().wireName()).containsExactly("forecast_exceeds_budget");
        assertThat(messages(check(state, AS_OF, List.of(outcome(total, "100", "1200")), List.of())))
                .containsExactly("forecast_exceeds_budget");
    }

    @Test
    void aStaleSpellAlertsOnceAcrossTheMonthBoundaryAndRecoversOnce() {
        AlertState state = AlertState.inMemory();
        Instant lastSuccess = at("2026-11-30T10:00:00Z");
        List<String> all = new ArrayList<>();
        for (Instant asOf = at("2026-11-30T20:00:00Z"); asOf.isBefore(at("2026-12-01T06:00:00Z"));
                asOf = asOf.plus(Duration.ofHours(1))) {
            all.addAll(messages(check(state, asOf, List.of(), List.of(
                    new AlertEngine.VendorView("openai", true, lastSuccess, null, null, null)))));
        }
        all.addAll(messages(check(state, at("2026-12-01T06:00:00Z"), List.of(), List.of(
                new AlertEngine.VendorView("openai", false, at("2026-12-01T06:00:00Z"), null, null, null)))));

        // stale once 12 h have passed (22:00 is not more than 12 h; 23:00 is), fresh again at 06:00
        assertThat(all).containsExactly("openai:stale_data:openai", "recovered:stale_data:openai");
    }

    @Test
    void staleIsStrictlyLongerThanStaleAfter() {
        assertThat(engine.stale(at("2026-11-20T00:00:00Z"), at("2026-11-20T12:00:00Z"))).isFalse();
        assertThat(engine.stale(at("2026-11-20T00:00:00Z"), at("2026-11-20T12:00:00.001Z"))).isTrue();
        assertThat(engine.stale(null, at("2026-11-20T12:00:00Z"))).isFalse();
    }

    @Test
    void unreadUsageHoldsWhileTheVendorFailsAndRecoversWhenReadAgain() {
        AlertState state = AlertState.inMemory();
        Instant since = at("2026-11-20T00:00:00Z");

        var first = check(state, at("2026-11-20T13:00:00Z"), List.of(), List.of(
                new AlertEngine.VendorView("openai", false, null, null, since, null)));
        var failing = check(state, at("2026-11-20T14:00:00Z"), List.of(), List.of(
                new AlertEngine.VendorView("openai", true, null, null, null, null)));
        var readAgain = check(state, at("2026-11-20T15:00:00Z"), List.of(), List.of(
                new AlertEngine.VendorView("openai", false, null, null, null, null)));

        assertThat(messages(first)).containsExactly("openai:usage_unread:openai");
        assertThat(messages(failing)).isEmpty();
        assertThat(messages(readAgain)).containsExactly("recovered:usage_unread:openai");
    }

    @Test
    void vendorAlertsGoToTheVendorsOwnBudgetElseTheTotal() {
        assertThat(engine.budgetFor("openai")).isEqualTo(openai);
        assertThat(engine.budgetFor("anthropic")).isEqualTo(total);
        AlertEngine onlyVendor = new AlertEngine(List.of(openai), new Forecaster(), Thresholds.defaults(),
                AlertEngine.Settings.defaults());
        assertThat(onlyVendor.budgetFor("anthropic")).isEqualTo(openai);
    }

    @Test
    void theDigestGoesOutOnceADayAtItsHour() {
        AlertEngine withDigest = new AlertEngine(List.of(total), new Forecaster(), Thresholds.defaults(),
                new AlertEngine.Settings(Duration.ofHours(12), Optional.of(8), RunawayTracker.Settings.defaults()));
        AlertState state = AlertState.inMemory();
        List<String> kinds = new ArrayList<>();
        for (Instant asOf : List.of(at("2026-11-20T07:00:00Z"), at("2026-11-20T08:00:00Z"), at("2026-11-20T08:30:00Z"),
                at("2026-11-21T08:00:00Z"))) {
            var plan = withDigest.plan(new AlertEngine.Situation(asOf, NOV, List.of(outcome(total, "100", "300")),
                    List.of()), state.read(AlertEngine.monthsRead(NOV), List.of()));
            withDigest.apply(plan, state).sent().forEach(d -> kinds.add(d.wireName() + "@" + d.level()));
        }
        assertThat(kinds).containsExactly("daily_digest@20", "daily_digest@21");
    }

    @Test
    void settingsRefuseWhatCannotWork() {
        assertThatThrownBy(() -> new RunawayTracker.Settings(0, Duration.ofDays(1), Optional.empty(), 48))
                .hasMessageContaining("quiet spell");
        assertThatThrownBy(() -> new RunawayTracker.Settings(3, Duration.ofMinutes(30), Optional.empty(), 48))
                .hasMessageContaining("PT30M");
        assertThatThrownBy(() -> new RunawayTracker.Settings(3, Duration.ofDays(1), Optional.of(Duration.ofHours(2)),
                48)).hasMessageContaining("PT2H").hasMessageContaining("3 h");
        assertThatThrownBy(() -> new AlertEngine.Settings(Duration.ofHours(12), Optional.of(24),
                RunawayTracker.Settings.defaults())).hasMessageContaining("24");
        assertThatThrownBy(() -> new AlertKey(NOV, "total", AlertKind.RUNAWAY, 0, null))
                .hasMessageContaining("RUNAWAY");
        assertThatThrownBy(() -> new AlertKey(NOV, "total", AlertKind.RUNAWAY, 0,
                new VendorEpisode("openai", at("2026-10-31T23:00:00Z")))).hasMessageContaining("2026-10");
    }
}
