package dev.burnrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ForecasterTest {

    private final Forecaster forecaster = new Forecaster();

    /** {@code perDay} on every day from {@code from} through {@code to}. */
    private static NavigableMap<LocalDate, BigDecimal> steady(String from, String to, String perDay) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            days.put(d, new BigDecimal(perDay));
        }
        return days;
    }

    @Test
    void steadySpendProjectsTheSameRateToMonthEnd() {
        var days = steady("2026-10-01", "2026-11-20", "40");

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-20T10:00:00Z"), YearMonth.of(2026, 11), new BigDecimal("1000"));

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("800");
        assertThat(f.dailyRateUsd()).isEqualByComparingTo("40");
        assertThat(f.p50Usd()).isEqualByComparingTo("1200");
        assertThat(f.p90Usd()).isEqualByComparingTo("1200");
        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void thePathToTheMonthEndAddsEachDayAtItsWeekdayShape() {
        // $100 on weekdays and $20 at weekends since October: the weighted mean is (5 x 100 + 2 x 20) / 7, so the
        // factors give back $100 and $20 a day exactly; Nov 20 2026 is a Friday, $60 billed so far
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (LocalDate d = LocalDate.of(2026, 10, 1); d.isBefore(LocalDate.of(2026, 11, 20)); d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek().getValue() >= 6;
            days.put(d, new BigDecimal(weekend ? "20" : "100"));
        }
        days.put(LocalDate.of(2026, 11, 20), new BigDecimal("60"));

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-20T10:00:00Z"), YearMonth.of(2026, 11),
                new BigDecimal("3000"));

        // Nov 1-19 (the 1st is a Sunday): 14 weekdays and 5 weekend days = $1,500; today counts as a whole weekday
        // ($100, more than the $60 so far)
        assertThat(f.path()).hasSize(11);
        assertThat(f.path().get(0).day()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(f.path().get(0).p50Usd()).isEqualByComparingTo("1600");
        assertThat(f.path().get(1).p50Usd()).as("Saturday the 21st").isEqualByComparingTo("1620");
        assertThat(f.path().get(2).p50Usd()).as("Sunday the 22nd").isEqualByComparingTo("1640");
        assertThat(f.path().get(3).p50Usd()).as("Monday the 23rd").isEqualByComparingTo("1740");
        // Nov 23-27 and 30 are weekdays, the 28th and 29th a weekend: 1640 + 6 x 100 + 2 x 20
        assertThat(f.path().get(10).day()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(f.path().get(10).p50Usd()).isEqualByComparingTo("2280");
        assertThat(f.p50Usd()).isEqualByComparingTo("2280");
        assertThat(f.path().get(10).p90Usd()).isEqualByComparingTo(f.p90Usd());
    }

    @Test
    void aOneDaySpikeDoesNotBecomeTheRate() {
        var days = steady("2026-10-01", "2026-11-20", "40");
        days.put(LocalDate.of(2026, 11, 18), new BigDecimal("900"));

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-20T10:00:00Z"), YearMonth.of(2026, 11), new BigDecimal("5000"));

        assertThat(f.dailyRateUsd()).isEqualByComparingTo("40");
        assertThat(f.p50Usd()).isEqualByComparingTo("2060"); // 800 + 860 spike + 10 days x 40
        // no scatter among the days kept (the spike is a one-off), so nothing to spread: P90 = P50
        assertThat(f.p90Usd()).isEqualByComparingTo("2060");
    }

    @Test
    void todayCountsAtLeastOneDayAtTheRateBecauseVendorsReportItLate() {
        var days = steady("2026-11-01", "2026-11-19", "40");
        days.put(LocalDate.of(2026, 11, 20), new BigDecimal("3"));

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-20T01:00:00Z"), YearMonth.of(2026, 11), null);

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("763");
        assertThat(f.p50Usd()).isEqualByComparingTo("1200"); // 760 + max(3, 40) + 10 x 40
        assertThat(f.crossingDate()).isNull();
    }

    @Test
    void saysNotEnoughDataInsteadOfGuessing() {
        var days = steady("2026-11-01", "2026-11-02", "500");

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-02T12:00:00Z"), YearMonth.of(2026, 11), new BigDecimal("1000"));

        assertThat(f.available()).isFalse();
        assertThat(f.p50Usd()).isNull();
        assertThat(f.note()).isEqualTo("not enough data yet: 1 complete day(s), need 3");
        assertThat(f.monthToDateUsd()).isEqualByComparingTo("1000");
        assertThat(f.crossingDate()).isNull(); // 1000 is not above a 1000 budget
    }

    @Test
    void aForecastThatReachesTheBudgetExactlyCrossesItTheNextDay() {
        // $40 a day: 760 by the 19th, 800 with today, 840 tomorrow; a budget of 800 is reached, not passed, today
        var days = steady("2026-10-01", "2026-11-19", "40");

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-20T10:00:00Z"), YearMonth.of(2026, 11),
                new BigDecimal("800"));

        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void theCrossingDateOfSpendAlreadyOverBudgetIsTheDayItHappened() {
        var days = steady("2026-10-01", "2026-11-20", "100");

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-20T10:00:00Z"), YearMonth.of(2026, 11), new BigDecimal("1050"));

        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 11, 11));
    }

    @Test
    void refundsLowerMonthToDateAndDataAfterAsOfIsIgnored() {
        var days = steady("2026-10-01", "2026-11-25", "40");
        days.put(LocalDate.of(2026, 11, 10), new BigDecimal("-100"));

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-20T10:00:00Z"), YearMonth.of(2026, 11), null);

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("660"); // 19 x 40 - 100
    }

    @Test
    void p90AddsEachDaysScatterAndTheLevelsErrorOverTheDaysLeft() {
        // 28 days from Oct 23 alternating 38 and 42: weekday and weekend medians both 40 (flat pattern), no trend,
        // no step (the last seven's median 42 against 38 is 1.4 standard errors); level 40
        // sigma 4 x 1.4826 / sqrt(2) = 4.19343; the level's error 1.2533 x sigma / sqrt(14) = 1.40462
        // Nov 1-19: 762 billed; today at 40, ten days at 40: P50 1202
        // P90 = 1202 + 1.2816 x sqrt(4.19343^2 x 11 + (1.40462 x 11)^2) = 1202 + 26.6426
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < 28; i++) {
            days.put(LocalDate.of(2026, 10, 23).plusDays(i), new BigDecimal(i % 2 == 0 ? "38" : "42"));
        }

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-20T00:00:00Z"), YearMonth.of(2026, 11), null);

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("762");
        assertThat(f.dailyRateUsd()).isEqualByComparingTo("40");
        assertThat(f.p50Usd()).isEqualByComparingTo("1202");
        assertThat(f.p90Usd()).isEqualByComparingTo("1228.64");
    }

    @Test
    void aForecastWhoseP90IsBelowItsP50IsRejected() {
        assertThatThrownBy(() -> new Forecast(BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("p90Usd 1 is below p50Usd 10");
    }

    @Test
    void weekendsAreForecastAtTheirOwnLevel() {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (LocalDate d = LocalDate.parse("2026-10-01"); d.isBefore(LocalDate.parse("2026-11-16")); d = d.plusDays(1)) {
            boolean weekend = d.getDayOfWeek().getValue() >= 6;
            days.put(d, new BigDecimal(weekend ? "10" : "100"));
        }

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-16T00:00:00Z"), YearMonth.of(2026, 11), null);

        // Nov 1-15 2026: 10 weekdays and 5 weekend days = 1,050 billed; Nov 16-30: 11 weekdays and 4 weekend days
        assertThat(f.p50Usd()).isEqualByComparingTo("2190");   // 1050 + 11 x 100 + 4 x 10
    }

    @Test
    void aWeeklyBatchDayIsForecastOnItsOwnDay() {
        // Tuesdays 400, other weekdays 100, weekends 50, two weeks from Monday Nov 2: 900 a week billed
        // Nov 16-30 from Monday: Mon 100, Tue 400, 3 x 100, 2 x 50, Mon 100, Tue 400, 3 x 100, 2 x 50, Mon 100
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < 14; i++) {
            int dow = i % 7;
            days.put(LocalDate.of(2026, 11, 2).plusDays(i), new BigDecimal(dow == 1 ? "400" : dow < 5 ? "100" : "50"));
        }

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-16T00:00:00Z"), YearMonth.of(2026, 11),
                new BigDecimal("3000"));

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("1800");
        assertThat(f.p50Usd()).isEqualByComparingTo("3700");   // 1800 + 100 + 2 x (400 + 300 + 100 + 100) + 100
        assertThat(f.p90Usd()).isEqualByComparingTo("3700");
        assertThat(f.path().get(1).p50Usd()).as("Tuesday the 17th").isEqualByComparingTo("2300");
        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 11, 24));   // 2900 on the 23rd, 3300 on the 24th
    }

    @Test
    void aSustainedTrendIsFollowedDamped() {
        // Nov 1-21 rising by 3 a day from 50 (1,680 billed); the rate carried to Sunday the 22nd is 113, slope 3
        // (ForecasterRulesTest.aSteadyTrendIsNotTakenForAStep). Today 113, then day k ahead 113 + 3 x (0.93 + ...
        // + 0.93^k): 115.79, 118.3847, 120.7981, 123.0425, 125.1298, 127.0710, 128.8764, 130.5554
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < 21; i++) {
            days.put(LocalDate.of(2026, 11, 1).plusDays(i), BigDecimal.valueOf(50 + 3L * i));
        }

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-22T00:00:00Z"), YearMonth.of(2026, 11),
                new BigDecimal("2500"));

        assertThat(f.dailyRateUsd()).isEqualByComparingTo("113");
        assertThat(f.path().get(0).p50Usd()).isEqualByComparingTo("1793");
        assertThat(f.path().get(1).p50Usd()).isEqualByComparingTo("1908.79");
        assertThat(f.p50Usd()).isEqualByComparingTo("2782.64");
        // sigma 3 x 1.4826 / sqrt(2) = 3.14507, the level's error 1.2533 x sigma / sqrt(14) = 1.05347:
        // 1.2816 x sqrt(3.14507^2 x 9 + (1.05347 x 9)^2) = 17.1426 over nine days of factor 1
        assertThat(f.p90Usd()).isEqualByComparingTo("2799.78");
        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 11, 28));   // 2396.14 on the 27th, 2523.21
    }

    @Test
    void aMonthStartBatchCountsOnceAndIsNotTheRate() {
        var days = steady("2026-10-01", "2026-11-09", "40");
        days.put(LocalDate.of(2026, 11, 1), new BigDecimal("2000"));

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-10T00:00:00Z"), YearMonth.of(2026, 11), null);

        assertThat(f.dailyRateUsd()).isEqualByComparingTo("40");
        assertThat(f.p50Usd()).isEqualByComparingTo("3160"); // 2000 + 8 x 40 + 21 x 40
    }

    @Test
    void theCheckAtMidnightAfterTheLastDayLooksBackAtTheWholeMonth() {
        var days = steady("2026-11-01", "2026-11-30", "40");

        Forecast f = forecaster.forecast(days, Instant.parse("2026-12-01T00:00:00Z"), YearMonth.of(2026, 11),
                new BigDecimal("1000"));

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("1200");
        assertThat(f.p50Usd()).isEqualByComparingTo("1200");
        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @Test
    void theMonthOfMidnightOnTheFirstIsTheNewMonthWithNothingSpentYet() {
        var days = steady("2026-11-01", "2026-11-30", "40");
        Instant midnight = Instant.parse("2026-12-01T00:00:00Z");

        Forecast f = forecaster.forecast(days, midnight, SpendForecaster.monthOf(midnight), new BigDecimal("1000"));

        assertThat(SpendForecaster.monthOf(midnight)).isEqualTo(YearMonth.of(2026, 12));
        assertThat(SpendForecaster.monthOf(Instant.parse("2026-11-30T23:59:59.999Z"))).isEqualTo(YearMonth.of(2026, 11));
        assertThat(SpendForecaster.monthOf(Instant.parse("2026-12-31T23:59:59.999Z"))).isEqualTo(YearMonth.of(2026, 12));
        assertThat(SpendForecaster.monthOf(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo(YearMonth.of(2027, 1));
        // December's month to date, not November's $1,200; at November's pace, 31 x $40 by Dec 31
        assertThat(f.monthToDateUsd()).isEqualByComparingTo("0");
        assertThat(f.p50Usd()).isEqualByComparingTo("1240");
        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 12, 26)); // 26 x $40 = $1,040 > $1,000
    }

    @Test
    void aMonthAfterTheInstantIsRefusedWithBothNamed() {
        assertThatThrownBy(() -> forecaster.forecast(new java.util.TreeMap<>(), Instant.parse("2026-11-30T23:00:00Z"),
                YearMonth.of(2026, 12), null)).hasMessageContaining("2026-11-30T23:00:00Z").hasMessageContaining("2026-12");
    }

    @Test
    void withoutHistoryAFewDaysDoNotExtrapolateTheirLargestDay() {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        days.put(LocalDate.of(2026, 11, 1), new BigDecimal("900"));
        days.put(LocalDate.of(2026, 11, 2), new BigDecimal("30"));
        days.put(LocalDate.of(2026, 11, 3), new BigDecimal("30"));

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-04T00:00:00Z"), YearMonth.of(2026, 11), null);

        assertThat(f.dailyRateUsd()).isEqualByComparingTo("30");
        assertThat(f.p50Usd()).isEqualByComparingTo("1770"); // 960 + 27 x 30
    }
}
