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
        assertThat(f.p90Usd()).isGreaterThanOrEqualTo(f.p50Usd());
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

    @ParameterizedTest(name = "{0} complete days of {1}/day with noise -> P90 above P50")
    @CsvSource({"14, 40", "30, 10", "60, 250"})
    void p90IsAboveP50WhenDailySpendVaries(int historyDays, int perDay) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        LocalDate today = LocalDate.of(2026, 11, 15);
        for (int i = historyDays; i >= 0; i--) {
            int wobble = (i % 3 == 0) ? perDay / 2 : (i % 3 == 1 ? -perDay / 4 : 0);
            days.put(today.minusDays(i), BigDecimal.valueOf(perDay + wobble));
        }

        Forecast f = forecaster.forecast(days, Instant.parse("2026-11-15T12:00:00Z"), YearMonth.of(2026, 11), null);

        assertThat(f.p90Usd()).isGreaterThan(f.p50Usd());
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

        // Nov 16-30 2026: 11 weekdays and 4 weekend days left
        BigDecimal spent = Forecaster.sum(days.subMap(LocalDate.parse("2026-11-01"), true,
                LocalDate.parse("2026-11-15"), true));
        assertThat(f.p50Usd()).isEqualByComparingTo(spent.add(new BigDecimal("1140")));
    }

    @Test
    void aSustainedTrendIsFollowedButNoiseIsNot() {
        NavigableMap<LocalDate, BigDecimal> growing = new TreeMap<>();
        NavigableMap<LocalDate, BigDecimal> flat = new TreeMap<>();
        LocalDate start = LocalDate.parse("2026-10-20");
        for (int i = 0; i < 27; i++) {
            growing.put(start.plusDays(i), BigDecimal.valueOf(50 + 3L * i));
            flat.put(start.plusDays(i), BigDecimal.valueOf(i % 2 == 0 ? 48 : 52));
        }
        Instant asOf = Instant.parse("2026-11-16T00:00:00Z");

        Forecast trending = forecaster.forecast(growing, asOf, SpendForecaster.monthOf(asOf), null);
        Forecast level = forecaster.forecast(flat, asOf, SpendForecaster.monthOf(asOf), null);

        BigDecimal growingSpent = Forecaster.sum(growing.subMap(LocalDate.parse("2026-11-01"), true,
                LocalDate.parse("2026-11-15"), true));
        // the last day was $128; a trend that is followed projects more than 15 more days at that
        assertThat(trending.p50Usd().subtract(growingSpent)).isGreaterThan(new BigDecimal("1920"));
        assertThat(level.dailyRateUsd()).isBetween(new BigDecimal("48"), new BigDecimal("52"));
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
