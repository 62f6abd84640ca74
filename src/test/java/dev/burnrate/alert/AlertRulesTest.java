package dev.burnrate.alert;

import static dev.burnrate.alert.EngineRun.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.Forecaster;
import dev.burnrate.forecast.RunawayDetector;

/** The engine's rules one at a time, at their exact edges, with figures worked out by hand. */
class AlertRulesTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private static final Duration HOUR = Duration.ofHours(1);
    private final Budget total = Budget.total(new BigDecimal("1000"));
    private final Budget openai = new Budget("openai", "OpenAI", "openai", null, new BigDecimal("600"));
    private final BudgetEvaluator evaluator = new BudgetEvaluator(Thresholds.defaults());

    private BudgetCheck.Outcome outcome(Budget budget, String mtd, String p50) {
        Forecast f = new Forecast(new BigDecimal(mtd), new BigDecimal(p50), new BigDecimal(p50), null, null, null);
        return new BudgetCheck.Outcome(budget, f, evaluator.evaluate(budget, f), evaluator.holding(budget, f));
    }

    private static AlertEngine engine(Budget... budgets) {
        return new AlertEngine(List.of(budgets), new Forecaster(), Thresholds.defaults(), AlertEngine.Settings.defaults());
    }

    private static AlertEngine.Outcome check(AlertEngine engine, AlertState state, Instant asOf,
            List<BudgetCheck.Outcome> budgets, List<AlertEngine.VendorView> vendors) {
        return engine.apply(engine.plan(new AlertEngine.Situation(asOf, NOV, budgets, vendors),
                state.read(AlertEngine.monthsRead(NOV), vendors.stream().map(AlertEngine.VendorView::vendor).toList())),
                state);
    }

    // ------------------------------------------------------------------ kinds

    @ParameterizedTest(name = "{0} at level {1}")
    @CsvSource({
            "ACTUAL, 50, actual_threshold_50, INFO, true, true, false",
            "ACTUAL, 99, actual_threshold_99, INFO, true, true, false",
            "ACTUAL, 100, actual_exceeds_budget, CRITICAL, true, true, false",
            "ACTUAL, 120, actual_threshold_120, CRITICAL, true, true, false",
            "FORECAST, 100, forecast_exceeds_budget, WARNING, true, true, false",
            "FORECAST, 90, forecast_threshold_90, WARNING, true, true, false",
            "RUNAWAY, 0, runaway, CRITICAL, false, false, true",
            "RUNAWAY_REMINDER, 2, runaway_reminder, CRITICAL, false, false, true",
            "RUNAWAY_ESCALATION, 1, runaway_escalation, CRITICAL, false, false, true",
            "RUNAWAY_ACCEPTED, 0, runaway_accepted, WARNING, false, false, true",
            "RUNAWAY_OVER, 0, runaway_over, INFO, false, false, true",
            "STALE_DATA, 0, stale_data, WARNING, false, true, true",
            "USAGE_UNREAD, 0, usage_unread, WARNING, false, true, true",
            "DIGEST, 20, daily_digest, INFO, false, false, false",
    })
    void eachKindHasItsNameSeverityAndLifecycle(AlertKind kind, int level, String wire, Severity severity,
            boolean budgetAlert, boolean recoverable, boolean vendorEpisode) {
        assertThat(kind.wireName(level)).isEqualTo(wire);
        assertThat(kind.severity(level)).isEqualTo(severity);
        assertThat(kind.budgetAlert()).isEqualTo(budgetAlert);
        assertThat(kind.recoverable()).isEqualTo(recoverable);
        assertThat(kind.vendorEpisode()).isEqualTo(vendorEpisode);
    }

    @Test
    void urgencyOrdersOverBudgetThenRunawaysThenForecastsThenShares() {
        assertThat(AlertKind.ACTUAL.urgency(120)).isGreaterThan(AlertKind.ACTUAL.urgency(100));
        assertThat(AlertKind.ACTUAL.urgency(100)).isGreaterThan(AlertKind.RUNAWAY.urgency(0));
        assertThat(AlertKind.RUNAWAY.urgency(0)).isGreaterThan(AlertKind.RUNAWAY_REMINDER.urgency(1));
        assertThat(AlertKind.RUNAWAY_REMINDER.urgency(1)).isGreaterThan(AlertKind.FORECAST.urgency(100));
        assertThat(AlertKind.FORECAST.urgency(100)).isGreaterThan(AlertKind.FORECAST.urgency(90));
        assertThat(AlertKind.FORECAST.urgency(90)).isGreaterThan(AlertKind.STALE_DATA.urgency(0));
        assertThat(AlertKind.STALE_DATA.urgency(0)).isGreaterThan(AlertKind.USAGE_UNREAD.urgency(0));
        assertThat(AlertKind.USAGE_UNREAD.urgency(0)).isGreaterThan(AlertKind.ACTUAL.urgency(99));
        assertThat(AlertKind.ACTUAL.urgency(99)).isGreaterThan(AlertKind.ACTUAL.urgency(80));
        assertThat(Severity.CRITICAL.wireName()).isEqualTo("critical");
    }

    @Test
    void keysAndDecisionsRefuseAMismatchedEpisode() {
        VendorEpisode episode = new VendorEpisode("openai", at("2026-11-10T09:00:00Z"));
        assertThatThrownBy(() -> new AlertKey(NOV, "total", AlertKind.ACTUAL, 50, episode))
                .hasMessage("ACTUAL alerts take no vendor episode");
        assertThatThrownBy(() -> new AlertKey(NOV, "total", AlertKind.ACTUAL, -1, null)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new AlertDecision(AlertKind.STALE_DATA, total, 0, BigDecimal.ONE, BigDecimal.ONE,
                null, null)).hasMessage("STALE_DATA decisions need vendor episode");
        assertThatThrownBy(() -> new AlertDecision(AlertKind.ACTUAL, total, 0, BigDecimal.ONE, BigDecimal.ONE,
                episode, null)).hasMessage("ACTUAL decisions take no vendor episode");
        assertThatThrownBy(() -> new VendorEpisode(" ", at("2026-11-10T09:00:00Z"))).hasMessageContaining("blank");
        assertThat(new AlertKey(NOV, "total", AlertKind.RUNAWAY, 0, episode).vendor()).isEqualTo("openai");
        assertThat(AlertState.Snapshot.empty().alerts()).isEmpty();
        assertThat(AlertState.Snapshot.empty().runaways()).isEmpty();
    }

    @ParameterizedTest(name = "quiet {0} h, reminders every {1}, accept after {2}, catch-up {3} h: {4}")
    @CsvSource({
            "1, PT1H, , 1, ok",
            "0, PT24H, , 48, 'the quiet spell must be at least one hour, got 0'",
            "3, PT59M, , 48, 'reminders can be at most hourly, got every PT59M'",
            "3, PT24H, PT3H, 48, accept-after PT3H must be longer than the quiet spell of 3 h",
            "3, PT24H, PT4H, 48, ok",
            "3, PT24H, , 0, 'catch-up hours must be at least 1, got 0'",
    })
    void runawaySettingsAreCheckedAtTheirEdges(int quiet, Duration every, Duration accept, int catchUp, String result) {
        if (result.equals("ok")) {
            assertThat(new RunawayTracker.Settings(quiet, every, Optional.ofNullable(accept), catchUp).quietHours())
                    .isEqualTo(quiet);
        } else {
            assertThatThrownBy(() -> new RunawayTracker.Settings(quiet, every, Optional.ofNullable(accept), catchUp))
                    .hasMessage(result);
        }
    }

    @Test
    void theDigestHourRunsFromZeroToTwentyThree() {
        for (int ok : List.of(0, 23)) {
            assertThat(new AlertEngine.Settings(Duration.ofHours(12), Optional.of(ok),
                    RunawayTracker.Settings.defaults()).digestHourUtc()).contains(ok);
        }
        for (int bad : List.of(-1, 24)) {
            assertThatThrownBy(() -> new AlertEngine.Settings(Duration.ofHours(12), Optional.of(bad),
                    RunawayTracker.Settings.defaults())).hasMessage("the digest hour must be an hour from 0 to 23, got "
                            + bad);
        }
    }

    // ------------------------------------------------------------------ budgets

    @Test
    void budgetsAreFoundByVendorThenTotalThenFirst() {
        Budget chatbot = new Budget("openai/proj_abc", "chatbot", "openai", "proj_abc", new BigDecimal("50"));
        AlertEngine engine = engine(chatbot, openai, total);
        assertThat(engine.budgetFor("openai")).isEqualTo(openai);
        assertThat(engine.budgetFor("anthropic")).isEqualTo(total);
        assertThat(engine.budgetById("total")).isEqualTo(total);
        assertThat(engine.budgetById("openai")).isEqualTo(openai);
        assertThat(engine.budgetById("removed-since")).isEqualTo(chatbot);
        assertThat(engine.evaluate(b -> new TreeMap<>(), at("2026-11-20T10:00:00Z"), NOV))
                .extracting(o -> o.budget().id()).containsExactly("openai/proj_abc", "openai", "total");
        assertThatThrownBy(() -> engine()).hasMessage("at least one budget is needed");
    }

    @Test
    void anAlertStillActiveDoesNotCrowdOutANewOneOfTheSameBudget() {
        AlertEngine engine = engine(total);
        AlertState state = AlertState.inMemory();
        check(engine, state, at("2026-11-10T10:00:00Z"), List.of(outcome(total, "100", "1200")), List.of());

        AlertEngine.Outcome later = check(engine, state, at("2026-11-14T10:00:00Z"),
                List.of(outcome(total, "510", "1200")), List.of());

        assertThat(later.sent()).extracting(AlertDecision::wireName).containsExactly("actual_threshold_50");
    }

    @Test
    void aForecastOverWhileSpendIsExactlyAtTheThresholdIsStillAForecastAlert() {
        Forecast f = new Forecast(new BigDecimal("1000"), new BigDecimal("1300"), new BigDecimal("1300"), null, null,
                null);
        assertThat(evaluator.evaluate(total, f)).extracting(AlertDecision::wireName)
                .containsExactly("actual_threshold_50", "actual_threshold_80", "forecast_exceeds_budget");
        // spend exactly at the budget does not yet hold the forecast alert on its own
        Forecast under = new Forecast(new BigDecimal("1000"), new BigDecimal("900"), new BigDecimal("900"), null, null,
                null);
        assertThat(evaluator.holding(total, under)).extracting(AlertDecision::wireName)
                .doesNotContain("forecast_exceeds_budget");
    }

    @Test
    void theDigestIsAboutTheTotalBudgetWhereverItStands() {
        AlertEngine engine = new AlertEngine(List.of(openai, total), new Forecaster(), Thresholds.defaults(),
                new AlertEngine.Settings(Duration.ofHours(12), Optional.of(10), RunawayTracker.Settings.defaults()));
        AlertState state = AlertState.inMemory();

        AlertEngine.Outcome digest = check(engine, state, at("2026-11-20T10:00:00Z"),
                List.of(outcome(openai, "50", "100"), outcome(total, "200", "300")), List.of());
        AlertEngine.Outcome next = check(engine, state, at("2026-11-20T11:00:00Z"),
                List.of(outcome(openai, "50", "100"), outcome(total, "200", "300")), List.of());

        assertThat(digest.sent()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(AlertKind.DIGEST);
            assertThat(d.budget()).isEqualTo(total);
            assertThat(d.valueUsd()).isEqualByComparingTo("200");
            assertThat(d.level()).isEqualTo(20);
        });
        assertThat(next.sent()).isEmpty();
        assertThat(next.recovered()).as("a digest never recovers").isEmpty();
    }

    @Test
    void unreadUsageOfOneVendorIsNotHeldByAnotherVendorsFailure() {
        AlertEngine engine = engine(total);
        AlertState state = AlertState.inMemory();
        check(engine, state, at("2026-11-20T13:00:00Z"), List.of(), List.of(
                new AlertEngine.VendorView("openai", false, null, null, at("2026-11-20T00:00:00Z"), null)));

        AlertEngine.Outcome next = check(engine, state, at("2026-11-20T14:00:00Z"), List.of(), List.of(
                new AlertEngine.VendorView("openai", false, null, null, null, null),
                new AlertEngine.VendorView("anthropic", true, null, null, null, null)));

        assertThat(next.recovered()).extracting(AlertKey::vendor).containsExactly("openai");
    }

    @Test
    void theInMemoryStateRefusesWhatTheStoreRefuses() {
        AlertState state = AlertState.inMemory();
        AlertDecision fifty = new AlertDecision(AlertKind.ACTUAL, total, 50, BigDecimal.TEN, BigDecimal.ONE);
        AlertKey key = AlertKey.of(NOV, fifty);

        assertThat(state.recover(key, total, true)).as("nothing to recover").isFalse();
        assertThat(state.claim(key, fifty, true)).isTrue();
        assertThat(state.claim(key, fifty, true)).as("already sent").isFalse();
        assertThat(state.recover(key, total, true)).isTrue();
        assertThat(state.recover(key, total, true)).as("already recovered").isFalse();
        assertThat(state.claim(key, fifty, false)).as("a recovered alert may fire again").isTrue();
    }

    // ------------------------------------------------------------------ runaway steps, with flat figures

    /** $10 an hour, every hour, for five weeks before Nov 10 09:00; then the given hours. */
    private static NavigableMap<Instant, BigDecimal> flat(Map<Integer, String> after) {
        NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
        Instant start = at("2026-11-10T09:00:00Z");
        for (Instant h = start.minus(Duration.ofDays(35)); h.isBefore(start); h = h.plus(HOUR)) {
            hours.put(h, BigDecimal.TEN);
        }
        after.forEach((i, usd) -> hours.put(start.plus(HOUR.multipliedBy(i)), new BigDecimal(usd)));
        return hours;
    }

    private static List<String> steps(RunawayTracker tracker, NavigableMap<Instant, BigDecimal> hours, int checks) {
        List<String> notices = new java.util.ArrayList<>();
        RunawayEpisode stored = null;
        for (int i = 1; i <= checks; i++) {
            Instant asOf = at("2026-11-10T09:00:00Z").plus(HOUR.multipliedBy(i));
            Optional<RunawayTracker.Step> step = tracker.advance("openai", stored, hours, asOf);
            if (step.isPresent()) {
                assertThat(step.get().after().version()).isEqualTo(stored == null ? 1 : stored.version() + 1);
                stored = step.get().after();
                int at = i;
                step.get().notices().forEach(n -> notices.add(at + ":" + n.kind().wireName(n.level()) + "#" + n.level()));
            }
        }
        return notices;
    }

    @Test
    void anEscalationNeedsExactlyTwiceTheReportedRateAndCountsUp() {
        RunawayTracker tracker = new RunawayTracker(new RunawayDetector(), RunawayTracker.Settings.defaults());
        // opens at $100; the first three hours set the rate; $200 is exactly twice; $399.99 not twice $200
        var hours = flat(Map.of(0, "100", 1, "100", 2, "100", 3, "199.99", 4, "200", 5, "399.99", 6, "400", 7, "400"));

        assertThat(steps(tracker, hours, 8)).containsExactly("1:runaway#0", "5:runaway_escalation#1",
                "7:runaway_escalation#2");
    }

    @Test
    void theFirstThreeHoursSetTheRateSilently() {
        RunawayTracker tracker = new RunawayTracker(new RunawayDetector(), RunawayTracker.Settings.defaults());
        // the loop began late in its first hour ($50), ran fully from the second on ($200)
        var hours = flat(Map.of(0, "50", 1, "200", 2, "200", 3, "400", 4, "400"));

        assertThat(steps(tracker, hours, 5)).containsExactly("1:runaway#0", "4:runaway_escalation#1");
    }

    @Test
    void aCheckWithNoNewHourChangesNothing() {
        RunawayTracker tracker = new RunawayTracker(new RunawayDetector(), RunawayTracker.Settings.defaults());
        var hours = flat(Map.of(0, "100", 1, "100"));
        Instant asOf = at("2026-11-10T10:00:00Z");
        RunawayEpisode opened = tracker.advance("openai", null, hours, asOf).orElseThrow().after();

        assertThat(tracker.advance("openai", opened, hours, asOf)).isEmpty();
        assertThat(tracker.advance("openai", opened, hours, asOf.plus(HOUR))).get()
                .satisfies(s -> assertThat(s.after().raisedHours()).isEqualTo(2));
    }

    @Test
    void afterMissedChecksOnlyTheCatchUpWindowIsJudged() {
        RunawayTracker tracker = new RunawayTracker(new RunawayDetector(),
                new RunawayTracker.Settings(3, Duration.ofDays(1), Optional.empty(), 2));
        var hours = flat(Map.of(0, "100", 1, "100", 2, "100", 3, "100", 4, "100", 5, "100"));
        RunawayEpisode opened = tracker.advance("openai", null, hours, at("2026-11-10T10:00:00Z")).orElseThrow()
                .after();

        RunawayEpisode caughtUp = tracker.advance("openai", opened, hours, at("2026-11-10T15:00:00Z")).orElseThrow()
                .after();

        // hours 10:00-13:00 were missed; a catch-up of two judges 13:00 and 14:00 only
        assertThat(caughtUp.raisedHours()).isEqualTo(opened.raisedHours() + 2);
        assertThat(caughtUp.evaluatedThrough()).isEqualTo(at("2026-11-10T14:00:00Z"));
    }

    @Test
    void noReminderInAPauseHourItWaitsForTheNextRaisedHour() {
        RunawayTracker tracker = new RunawayTracker(new RunawayDetector(), RunawayTracker.Settings.defaults());
        Map<Integer, String> after = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            after.put(i, i == 23 || i == 24 ? "10" : "100");
        }

        // a day on is hour 24 (check 24 judges hour 23): both paused; hour 25 is raised again
        assertThat(steps(tracker, flat(after), 30)).containsExactly("1:runaway#0", "26:runaway_reminder#1");
    }

    @Test
    void reminderAndOverCarryTheSpendSoFarAgainstWhatThoseHoursUsuallyCost() {
        EngineRun run = new EngineRun(AlertEngine.Settings.defaults());
        run.hourly.put("openai", flat(Map.of(0, "100", 1, "100", 2, "100", 3, "10", 4, "10", 5, "10", 6, "10")));

        run.checks(at("2026-11-10T10:00:00Z"), at("2026-11-10T16:00:00Z"));

        assertThat(run.sent).containsExactly("11-10T10 runaway:openai", "11-10T15 runaway_over:openai");
        AlertDecision opened = run.decisions.get(0);
        assertThat(opened.valueUsd()).isEqualByComparingTo("100");
        assertThat(opened.thresholdUsd()).isEqualByComparingTo("10");
        AlertDecision over = run.decisions.get(1);
        assertThat(over.valueUsd()).isEqualByComparingTo("300");
        assertThat(over.thresholdUsd()).isEqualByComparingTo("30");
    }
}
