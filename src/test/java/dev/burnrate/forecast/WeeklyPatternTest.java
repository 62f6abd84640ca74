package dev.burnrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The weekly pattern's rules, each with factors worked out by hand: a level per kind of day over the mean of the
 * seven days' levels.
 */
class WeeklyPatternTest {

    /** Monday, November 2, 2026. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);
    private static final Offset<BigDecimal> CLOSE = Offset.offset(new BigDecimal("1e-12"));

    /** Consecutive days from Monday the 2nd. */
    private static NavigableMap<LocalDate, BigDecimal> days(String... usd) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < usd.length; i++) {
            days.put(MONDAY.plusDays(i), new BigDecimal(usd[i]));
        }
        return days;
    }

    private static BigDecimal factor(WeeklyPattern pattern, DayOfWeek day) {
        return pattern.factors().get(day);
    }

    @Test
    void fewerThanAWeekIsFlat() {
        WeeklyPattern pattern = WeeklyPattern.of(days("100", "100", "100", "100", "100", "10"));

        assertThat(pattern).isEqualTo(WeeklyPattern.FLAT);
        assertThat(pattern.factor(MONDAY)).isEqualByComparingTo("1");
    }

    @Test
    void weekdaysAndWeekendsGetTheMedianOfTheirDays() {
        // weekdays 80, 90, 100 x 6, 110, 120: median 100; weekend 20, 30, 20, 40: median 25
        // mean of the week (5 x 100 + 2 x 25) / 7 = 550 / 7; factors 700 / 550 and 175 / 550
        WeeklyPattern pattern = WeeklyPattern.of(days("100", "110", "90", "100", "100", "20", "30",
                "100", "120", "100", "80", "100", "20", "40"));

        assertThat(factor(pattern, DayOfWeek.WEDNESDAY)).isCloseTo(new BigDecimal("1.272727272727273"), CLOSE);
        assertThat(factor(pattern, DayOfWeek.SUNDAY)).isCloseTo(new BigDecimal("0.3181818181818182"), CLOSE);
    }

    @Test
    void withOneWeekendKnownItsSmallerDayStandsForTheWeekend() {
        // a batch on the only Sunday (300) must not set the weekend: min(20, 300) = 20, mean (500 + 40) / 7
        WeeklyPattern pattern = WeeklyPattern.of(days("100", "100", "100", "100", "100", "20", "300"));

        assertThat(factor(pattern, DayOfWeek.MONDAY)).isCloseTo(new BigDecimal("1.296296296296296"), CLOSE);
        assertThat(factor(pattern, DayOfWeek.SUNDAY)).isCloseTo(new BigDecimal("0.2592592592592593"), CLOSE);
    }

    @Test
    void withFourWeekendDaysTheirMedianStandsForTheWeekend() {
        // weekend 20, 300, 20, 40: median 30 (the smallest, 20, would be the rule for fewer); mean (500 + 60) / 7
        WeeklyPattern pattern = WeeklyPattern.of(days("100", "100", "100", "100", "100", "20", "300",
                "100", "100", "100", "100", "100", "20", "40"));

        assertThat(factor(pattern, DayOfWeek.SATURDAY)).isCloseTo(new BigDecimal("0.375"), CLOSE);
    }

    @Test
    void aWeekdayAlwaysFarAboveTheOthersIsAPeakDayWithItsOwnFactor() {
        // Tuesdays 400 both weeks, above 2 x 100 (the other weekdays' median): levels 100 x 4, 400, 50 x 2,
        // mean 900 / 7; factors 700 / 900, 2800 / 900, 350 / 900
        WeeklyPattern pattern = WeeklyPattern.of(days("100", "400", "100", "100", "100", "50", "50",
                "100", "400", "100", "100", "100", "50", "50"));

        assertThat(factor(pattern, DayOfWeek.MONDAY)).isCloseTo(new BigDecimal("0.7777777777777778"), CLOSE);
        assertThat(factor(pattern, DayOfWeek.TUESDAY)).isCloseTo(new BigDecimal("3.111111111111111"), CLOSE);
        assertThat(factor(pattern, DayOfWeek.SATURDAY)).isCloseTo(new BigDecimal("0.3888888888888889"), CLOSE);
    }

    @Test
    void aHighDaySeenOnceIsAOneOffNotAPeakDay() {
        // eight days: the one Tuesday at 400 joins the weekdays (median 100); weekend min(50, 50); mean 600 / 7
        WeeklyPattern pattern = WeeklyPattern.of(days("100", "400", "100", "100", "100", "50", "50", "100"));

        assertThat(factor(pattern, DayOfWeek.TUESDAY)).isCloseTo(new BigDecimal("1.166666666666667"), CLOSE);
        assertThat(factor(pattern, DayOfWeek.MONDAY)).isEqualByComparingTo(factor(pattern, DayOfWeek.TUESDAY));
    }

    @Test
    void aPeakDayMustBeAboveTwiceTheOthersEveryTime() {
        // exactly twice the others (200) is not above it: a weekday like the rest, median 100, mean 600 / 7
        WeeklyPattern exactly = WeeklyPattern.of(days("100", "200", "100", "100", "100", "50", "50",
                "100", "200", "100", "100", "100", "50", "50"));
        // one of the two Tuesdays not above twice the others: no peak either
        WeeklyPattern once = WeeklyPattern.of(days("100", "200.01", "100", "100", "100", "50", "50",
                "100", "150", "100", "100", "100", "50", "50"));
        // a cent above it both times: a peak day, level 200.01
        WeeklyPattern above = WeeklyPattern.of(days("100", "200.01", "100", "100", "100", "50", "50",
                "100", "200.01", "100", "100", "100", "50", "50"));

        assertThat(factor(exactly, DayOfWeek.TUESDAY)).isCloseTo(new BigDecimal("1.166666666666667"), CLOSE);
        assertThat(factor(once, DayOfWeek.TUESDAY)).isCloseTo(new BigDecimal("1.166666666666667"), CLOSE);
        // levels 100 x 4, 200.01, 50 x 2: mean 700.01 / 7
        assertThat(factor(above, DayOfWeek.TUESDAY)).isCloseTo(new BigDecimal("2.000071427551035"), CLOSE);
    }

    @Test
    void aWeekendHeavyServiceHasBothWeekendDaysAsPeaks() {
        // Saturdays 100 and Sundays 80, far above the weekdays' 10: levels 10 x 5, 100, 80; mean 230 / 7
        WeeklyPattern pattern = WeeklyPattern.of(days("10", "10", "10", "10", "10", "100", "80",
                "10", "10", "10", "10", "10", "100", "80"));

        assertThat(factor(pattern, DayOfWeek.MONDAY)).isCloseTo(new BigDecimal("0.3043478260869565"), CLOSE);
        assertThat(factor(pattern, DayOfWeek.SATURDAY)).isCloseTo(new BigDecimal("3.043478260869565"), CLOSE);
        assertThat(factor(pattern, DayOfWeek.SUNDAY)).isCloseTo(new BigDecimal("2.434782608695652"), CLOSE);
    }

    @Test
    void aRefundDayCountsAsZeroSpend() {
        // Sunday -500 (a credit) counts as 0: weekend min(20, 0) = 0, mean 500 / 7, weekday factor 1.4
        WeeklyPattern pattern = WeeklyPattern.of(days("100", "100", "100", "100", "100", "20", "-500"));

        assertThat(factor(pattern, DayOfWeek.MONDAY)).isCloseTo(new BigDecimal("1.4"), CLOSE);
        assertThat(factor(pattern, DayOfWeek.SUNDAY)).isEqualByComparingTo("0");
    }

    @Test
    void aWeekOfNothingIsFlat() {
        assertThat(WeeklyPattern.of(days("0", "0", "0", "0", "0", "0", "0"))).isEqualTo(WeeklyPattern.FLAT);
    }

    @Test
    void aPatternNeedsAFactorForEachDay() {
        assertThatThrownBy(() -> new WeeklyPattern(Map.of(DayOfWeek.MONDAY, BigDecimal.ONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a weekly pattern needs a factor for each of the 7 days, got [MONDAY]");
    }
}
