package dev.burnrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The yardstick of the benchmarks: month-to-date over the days elapsed, times the days of the month. */
class NaiveRunRateTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private final NaiveRunRate naive = new NaiveRunRate();

    private static NavigableMap<LocalDate, BigDecimal> daily(int fromDay, int toDay, String usd) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int d = fromDay; d <= toDay; d++) {
            days.put(NOVEMBER.atDay(d), new BigDecimal(usd));
        }
        return days;
    }

    @Test
    void projectsTheAverageDaySoFarOverTheWholeMonth() {
        // ten days of 30 by Nov 11 00:00: 300 / 10 x 30 = 900; a $600 budget is reached after 600 / 30 = 20 days,
        // so it is crossed on the 21st
        Forecast f = naive.forecast(daily(1, 10, "30"), Instant.parse("2026-11-11T00:00:00Z"), NOVEMBER,
                new BigDecimal("600"));

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("300");
        assertThat(f.dailyRateUsd()).isEqualByComparingTo("30");
        assertThat(f.p50Usd()).isEqualByComparingTo("900");
        assertThat(f.p90Usd()).isEqualByComparingTo("900");
        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void countsTheElapsedPartOfToday() {
        // 300 + 15 by noon on the 11th: 315 / 10.5 days = 30 a day
        NavigableMap<LocalDate, BigDecimal> days = daily(1, 10, "30");
        days.put(NOVEMBER.atDay(11), new BigDecimal("15"));

        Forecast f = naive.forecast(days, Instant.parse("2026-11-11T12:00:00Z"), NOVEMBER, null);

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("315");
        assertThat(f.p50Usd()).isEqualByComparingTo("900");
        assertThat(f.crossingDate()).isNull();
    }

    @Test
    void aForecastExactlyOnTheBudgetDoesNotCrossIt() {
        Forecast f = naive.forecast(daily(1, 10, "30"), Instant.parse("2026-11-11T00:00:00Z"), NOVEMBER,
                new BigDecimal("900"));

        assertThat(f.crossingDate()).isNull();
    }

    @Test
    void spendAlreadyOverTheBudgetCrossedOnTheDayItHappened() {
        // 30 a day: 570 by the 19th, 600 on the 20th, the first above 590
        Forecast f = naive.forecast(daily(1, 20, "30"), Instant.parse("2026-11-21T00:00:00Z"), NOVEMBER,
                new BigDecimal("590"));

        assertThat(f.crossingDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void atTheFirstInstantOfTheMonthThereIsNothingToProject() {
        Forecast f = naive.forecast(new TreeMap<>(), Instant.parse("2026-11-01T00:00:00Z"), NOVEMBER,
                new BigDecimal("600"));

        assertThat(f.available()).isFalse();
        assertThat(f.note()).isEqualTo("no day elapsed yet");
        assertThat(f.monthToDateUsd()).isEqualByComparingTo("0");
    }

    @Test
    void afterTheMonthItIsTheMonthsTotal() {
        // the check right after the month: 30 days elapsed at most; later days are not November's
        NavigableMap<LocalDate, BigDecimal> days = daily(1, 30, "30");
        days.put(LocalDate.of(2026, 12, 1), new BigDecimal("5000"));

        Forecast f = naive.forecast(days, Instant.parse("2026-12-01T06:00:00Z"), NOVEMBER, new BigDecimal("2000"));

        assertThat(f.monthToDateUsd()).isEqualByComparingTo("900");
        assertThat(f.p50Usd()).isEqualByComparingTo("900");
        assertThat(f.crossingDate()).isNull();
    }
}
