package dev.burnrate.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.SpendForecaster;

/**
 * The forecast alert's confirmation, transition by transition: a forecast just over a level whose crossing is far
 * off waits until it has been over at the same time on each of the confirmation days; a clear or near crossing goes
 * out at once. The forecasts are scripted per day, so each rule is seen on its own.
 */
class ForecastConfirmationTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);
    private final Budget total = Budget.total(new BigDecimal("1000"));

    /** A forecast as of {@code today} whose P50 path rises evenly from 0 to {@code p50} at the month's end. */
    private static Forecast rising(LocalDate today, String p50, String p90) {
        return rising(today, BigDecimal.ZERO, p50, p90);
    }

    private static Forecast rising(LocalDate today, BigDecimal monthToDate, String p50, String p90) {
        BigDecimal end = new BigDecimal(p50);
        BigDecimal endP90 = new BigDecimal(p90);
        List<Forecast.PathDay> path = new ArrayList<>();
        int days = NOV.lengthOfMonth();
        for (LocalDate d = today; !d.isAfter(NOV.atEndOfMonth()); d = d.plusDays(1)) {
            BigDecimal share = BigDecimal.valueOf(d.getDayOfMonth()).divide(BigDecimal.valueOf(days), 10,
                    java.math.RoundingMode.HALF_UP);
            path.add(new Forecast.PathDay(d, end.multiply(share), endP90.multiply(share)));
        }
        return new Forecast(monthToDate, end, endP90, BigDecimal.ONE, null, null, path);
    }

    private static Forecast rising(LocalDate today, String p50) {
        return rising(today, p50, p50);
    }

    /** Forecasts by day of November (the same whatever the hour), recording every instant it was asked for. */
    private static final class Scripted implements SpendForecaster {
        final Map<Integer, String> p50ByDay = new TreeMap<>();
        final List<Instant> asked = new ArrayList<>();

        Scripted on(int fromDay, int toDay, String p50) {
            for (int d = fromDay; d <= toDay; d++) {
                p50ByDay.put(d, p50);
            }
            return this;
        }

        @Override
        public Forecast forecast(NavigableMap<LocalDate, BigDecimal> dailyTotals, Instant asOf, YearMonth month,
                BigDecimal budgetUsd) {
            asked.add(asOf);
            LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
            BigDecimal spent = dailyTotals.subMap(month.atDay(1), true, today, true).values().stream()
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            String p50 = p50ByDay.getOrDefault(today.getDayOfMonth(), "900");
            return rising(today, spent, p50, p50);
        }
    }

    private BudgetCheck.Outcome check(SpendForecaster forecaster, Thresholds thresholds, String asOf) {
        return new BudgetCheck(forecaster, thresholds).evaluate(List.of(total), b -> new TreeMap<>(),
                Instant.parse(asOf), NOV).get(0);
    }

    private static List<String> names(List<AlertDecision> decisions) {
        return decisions.stream().map(AlertDecision::wireName).toList();
    }

    // --- which crossings need confirming ----------------------------------------------------------------------

    @ParameterizedTest(name = "P50 {0}, P90 {1}, basis {2}, on Nov {3}: needs confirming {4}")
    @CsvSource({
            // $1,050 at the month's end, rising evenly: the path passes $1,000 on the 29th (29/30 x 1050 = 1015)
            "1050,    1050,    P50, 2,  true",
            "1099.99, 1099.99, P50, 2,  true",    // under 10% over
            "1100,    1100,    P50, 2,  false",   // 10% over: clear, at once
            "1050,    1050,    P50, 22, false",   // crossing the 29th is 7 days after the 22nd: near, at once
            "1050,    1050,    P50, 21, true",    // 8 days after the 21st
            "1050,    1500,    P90, 2,  false",   // P90 50% over: clear on that basis
            "980,     1050,    P90, 2,  true",    // P90 path passes $1,000 on the 29th
    })
    void aForecastAlertNeedsConfirmingWhenItIsNarrowAndItsCrossingFarOff(String p50, String p90,
            Thresholds.Basis basis, int day, boolean expected) {
        BudgetEvaluator evaluator = new BudgetEvaluator(new Thresholds(List.of(50), List.of(100), basis, 5));
        Forecast forecast = rising(NOV.atDay(day), p50, p90);
        AlertDecision decision = evaluator.evaluate(total, forecast).stream()
                .filter(d -> d.kind() == AlertKind.FORECAST).findFirst().orElseThrow();

        assertThat(evaluator.needsConfirmation(decision, forecast, NOV.atDay(day))).isEqualTo(expected);
    }

    @Test
    void onlyForecastAlertsAreConfirmedAndOneDayMeansAtOnce() {
        BudgetEvaluator fiveDays = new BudgetEvaluator(new Thresholds(List.of(50), List.of(100), Thresholds.Basis.P50));
        BudgetEvaluator oneDay = new BudgetEvaluator(new Thresholds(List.of(50), List.of(100), Thresholds.Basis.P50, 1));
        Forecast narrow = new Forecast(new BigDecimal("600"), new BigDecimal("1050"), new BigDecimal("1050"), null,
                null, null);
        AlertDecision actual = new AlertDecision(AlertKind.ACTUAL, total, 50, new BigDecimal("600"),
                new BigDecimal("500"));
        AlertDecision forecast = new AlertDecision(AlertKind.FORECAST, total, 100, new BigDecimal("1050"),
                new BigDecimal("1000"));

        assertThat(fiveDays.needsConfirmation(actual, narrow, NOV.atDay(2))).isFalse();
        assertThat(oneDay.needsConfirmation(forecast, narrow, NOV.atDay(2))).isFalse();
        // a forecaster that draws no path cannot say how far the crossing is: it is confirmed
        assertThat(fiveDays.needsConfirmation(forecast, narrow, NOV.atDay(2))).isTrue();
    }

    // --- the count of days ------------------------------------------------------------------------------------

    @Test
    void aNarrowForecastFarAheadGoesOutOnTheFifthDayInARow() {
        Scripted forecaster = new Scripted().on(1, 30, "1050");
        Thresholds thresholds = new Thresholds(List.of(80), List.of(100), Thresholds.Basis.P50);

        // Nov 1 to 4: the days before it in the month are too few (the days before the month do not count)
        for (int day = 1; day <= 4; day++) {
            BudgetCheck.Outcome outcome = check(forecaster, thresholds, "2026-11-0" + day + "T00:00:00Z");
            assertThat(names(outcome.due())).as("Nov %d", day).isEmpty();
            assertThat(names(outcome.awaiting())).as("Nov %d", day).containsExactly("forecast_exceeds_budget");
        }
        BudgetCheck.Outcome fifth = check(forecaster, thresholds, "2026-11-05T00:00:00Z");
        assertThat(names(fifth.due())).containsExactly("forecast_exceeds_budget");
        assertThat(fifth.awaiting()).isEmpty();
    }

    @Test
    void aDayUnderTheLevelStartsTheCountAgain() {
        Scripted forecaster = new Scripted().on(1, 2, "1050").on(3, 3, "990").on(4, 30, "1050");
        Thresholds thresholds = new Thresholds(List.of(80), List.of(100), Thresholds.Basis.P50);

        assertThat(check(forecaster, thresholds, "2026-11-03T00:00:00Z").awaiting()).isEmpty();   // under: nothing
        assertThat(names(check(forecaster, thresholds, "2026-11-07T00:00:00Z").awaiting()))
                .containsExactly("forecast_exceeds_budget");                                        // the 3rd breaks it
        assertThat(names(check(forecaster, thresholds, "2026-11-08T00:00:00Z").due()))
                .containsExactly("forecast_exceeds_budget");                                        // 4th to 8th
    }

    @Test
    void aClearOrNearCrossingGoesOutAtOnce() {
        Thresholds thresholds = new Thresholds(List.of(80), List.of(100), Thresholds.Basis.P50);
        Scripted clear = new Scripted().on(1, 30, "1100");
        Scripted near = new Scripted().on(1, 30, "1050");

        assertThat(names(check(clear, thresholds, "2026-11-01T00:00:00Z").due())).containsExactly(
                "forecast_exceeds_budget");
        assertThat(names(check(near, thresholds, "2026-11-22T00:00:00Z").due())).containsExactly(
                "forecast_exceeds_budget");
        assertThat(clear.asked).hasSize(1);   // nothing to confirm: no earlier forecast made
    }

    @Test
    void withOneConfirmationDayEveryCrossingGoesOutAtOnce() {
        Scripted forecaster = new Scripted().on(1, 30, "1050");

        assertThat(names(check(forecaster, new Thresholds(List.of(80), List.of(100), Thresholds.Basis.P50, 1),
                "2026-11-01T00:00:00Z").due())).containsExactly("forecast_exceeds_budget");
    }

    @Test
    void anHourlyCheckConfirmsAgainstTheSameHourOnTheDaysBeforeEachForecastMadeOnce() {
        // two forecast levels need confirming at once ($1,050 is 7% over $980 and 5% over $1,000): the four earlier
        // forecasts are made once, not once a level
        Scripted forecaster = new Scripted().on(1, 30, "1050");
        Thresholds thresholds = new Thresholds(List.of(80), List.of(98, 100), Thresholds.Basis.P50);

        BudgetCheck.Outcome outcome = check(forecaster, thresholds, "2026-11-09T14:00:00Z");

        assertThat(names(outcome.due())).containsExactly("forecast_threshold_98", "forecast_exceeds_budget");
        assertThat(forecaster.asked).containsExactly(Instant.parse("2026-11-09T14:00:00Z"),
                Instant.parse("2026-11-08T14:00:00Z"), Instant.parse("2026-11-07T14:00:00Z"),
                Instant.parse("2026-11-06T14:00:00Z"), Instant.parse("2026-11-05T14:00:00Z"));
    }

    @Test
    void aLevelConfirmedOnlyForItselfGoesOutAloneTheOtherWaits() {
        // Nov 9 at $1,050 but Nov 6 at $980: the 97% level ($970, 8% under $1,050) held all five days, the budget
        // did not
        Scripted forecaster = new Scripted().on(1, 30, "1050").on(6, 6, "980");
        Thresholds thresholds = new Thresholds(List.of(80), List.of(97, 100), Thresholds.Basis.P50);

        BudgetCheck.Outcome outcome = check(forecaster, thresholds, "2026-11-09T00:00:00Z");

        assertThat(names(outcome.due())).containsExactly("forecast_threshold_97");
        assertThat(names(outcome.awaiting())).containsExactly("forecast_exceeds_budget");
    }

    // --- through the engine: nothing is claimed while a forecast waits ----------------------------------------

    @Test
    void whileAForecastWaitsNothingIsStoredAndOtherAlertsGoOut() {
        Scripted forecaster = new Scripted().on(1, 30, "1050");
        AlertEngine engine = new AlertEngine(List.of(total), forecaster,
                new Thresholds(List.of(50), List.of(100), Thresholds.Basis.P50), AlertEngine.Settings.defaults());
        AlertState state = AlertState.inMemory();
        NavigableMap<LocalDate, BigDecimal> spend = new TreeMap<>();
        spend.put(NOV.atDay(1), new BigDecimal("600"));   // half the budget gone on the 1st (a batch)

        List<String> sent = new ArrayList<>();
        List<Integer> sentOn = new ArrayList<>();
        for (int day = 2; day <= 6; day++) {
            Instant asOf = NOV.atDay(day).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<BudgetCheck.Outcome> outcomes = engine.evaluate(b -> spend, asOf, NOV);
            AlertEngine.Plan plan = engine.plan(new AlertEngine.Situation(asOf, NOV, outcomes, List.of()),
                    state.read(AlertEngine.monthsRead(NOV), List.of()));
            for (AlertDecision d : engine.apply(plan, state).sent()) {
                sent.add(d.wireName());
                sentOn.add(day);
            }
            if (day < 5) {
                assertThat(state.read(AlertEngine.monthsRead(NOV), List.of()).alerts().keySet())
                        .as("Nov %d", day).extracting(AlertKey::kind).containsOnly(AlertKind.ACTUAL);
            }
        }

        // the 50% alert at once on the 2nd; the forecast on the 5th (the 1st to the 5th), once
        assertThat(sent).containsExactly("actual_threshold_50", "forecast_exceeds_budget");
        assertThat(sentOn).containsExactly(2, 5);
    }
}
