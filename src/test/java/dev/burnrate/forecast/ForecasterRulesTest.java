package dev.burnrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each rule of the forecaster on its own, with the expected figures worked out by hand in the comments: one-offs,
 * scatter, the short-history rule, steps, trends and their weights, damping, zero weekends, refunds and the P90
 * spread. {@link ForecasterTest} checks whole forecasts.
 */
class ForecasterRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Offset<BigDecimal> CLOSE = Offset.offset(new BigDecimal("1e-12"));

    /** Points on the days before today, oldest first: the last is yesterday (t = -1). */
    private static List<Forecaster.Point> points(String... x) {
        List<Forecaster.Point> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            int t = i - x.length;
            points.add(new Forecaster.Point(TODAY.plusDays(t), BigDecimal.valueOf(t), new BigDecimal(x[i])));
        }
        return points;
    }

    private static List<String> xs(List<Forecaster.Point> points) {
        return points.stream().map(p -> p.x().toPlainString()).toList();
    }

    private static List<BigDecimal> values(String... x) {
        return Arrays.stream(x).map(BigDecimal::new).toList();
    }

    /** {@code usd} on consecutive days ending yesterday. */
    private static NavigableMap<LocalDate, BigDecimal> history(String... usd) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < usd.length; i++) {
            days.put(TODAY.minusDays(usd.length - i), new BigDecimal(usd[i]));
        }
        return days;
    }

    // --- one-offs (Hampel filter) -----------------------------------------------------------------------------

    @Test
    void aOneOffIsADayFarFromTheMedianOfItsNeighbours() {
        // distances to the median of up to three neighbours each side (not the day itself):
        // 10 | 10 11 10 -> 0; 10 | 10 11 10 50 -> 0.5; 11 | 10 10 10 50 10 -> 1; 10 | 10 10 11 50 10 11 -> 0.5;
        // 50 | 10 11 10 10 11 -> 40; 10 | 11 10 50 11 -> 1; 11 | 10 50 10 -> 1
        // median distance 1, scale 1.4826, limit 4 x 1.4826 = 5.9304: only the 50 is beyond it
        List<Forecaster.Point> kept = Forecaster.withoutOneOffs(points("10", "10", "11", "10", "50", "10", "11"));

        assertThat(xs(kept)).containsExactly("10", "10", "11", "10", "10", "11");
        assertThat(kept.get(4).t()).isEqualByComparingTo("-2");
    }

    @Test
    void aDayExactlyAtTheOneOffLimitIsKept() {
        // the same distances as above, with the spike 5.9304 (the limit) or 5.9305 above its neighbours' 10
        assertThat(Forecaster.withoutOneOffs(points("10", "10", "11", "10", "15.9304", "10", "11"))).hasSize(7);
        assertThat(xs(Forecaster.withoutOneOffs(points("10", "10", "11", "10", "15.9305", "10", "11"))))
                .containsExactly("10", "10", "11", "10", "10", "11");
    }

    @Test
    void withoutScatterNoDayIsAOneOff() {
        // distances 0, 0, 0, 0, 40: the median distance is 0, so nothing tells the 50 from ordinary days
        assertThat(Forecaster.withoutOneOffs(points("10", "10", "10", "10", "50"))).hasSize(5);
    }

    // --- scatter, standard errors, the short-history rule -----------------------------------------------------

    @Test
    void scatterIsTheMedianDifferenceOfConsecutiveDaysAsAStandardDeviation() {
        // differences 2, 1, 4, 1: median 1.5; 1.5 x 1.4826 / sqrt(2) = 2.2239 / 1.414213562373095
        assertThat(Forecaster.scatter(values("10", "12", "11", "15", "14")))
                .isCloseTo(new BigDecimal("1.572534770680763"), CLOSE);
        assertThat(Forecaster.scatter(values("7"))).isEqualByComparingTo("0");
        // two days, one difference of 4: 4 x 1.4826 / sqrt(2)
        assertThat(Forecaster.scatter(values("10", "14"))).isCloseTo(new BigDecimal("4.193426055148702"), CLOSE);
        assertThat(Forecaster.scatter(values("7", "7", "30", "30"))).isEqualByComparingTo("0");
    }

    @Test
    void theStandardErrorOfAMedianIs1point2533SigmaOverRootN() {
        assertThat(Forecaster.standardError(new BigDecimal("2"), 4)).isEqualByComparingTo("1.2533");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "30 900 30 | 30",      // (960 - 900) / 2
            "2 4 6 8   | 4",       // (20 - 8) / 3
            "2 4 9     | 3",       // (15 - 9) / 2, not the median 4
            "5 7       | 6",       // two days: their median
            "4         | 4",
    })
    void underAWeekTheRateIsTheMeanWithoutTheLargestDay(String days, String expected) {
        assertThat(Forecaster.lowMean(values(days.trim().split(" ")))).isEqualByComparingTo(expected);
    }

    // --- steps --------------------------------------------------------------------------------------------------

    @Test
    void aStepIsMeasuredInStandardErrorsOfTheDifferenceOfTwoMedians() {
        // 7 days at 10 then 7 at 20, sigma 2: each median's error 1.2533 x 2 / sqrt(7) = 0.9474..., the
        // difference's sqrt(2) times that = 1.33983...; 10 / 1.33983... = 7.46361...
        List<BigDecimal> x = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            x.add(BigDecimal.valueOf(i < 7 ? 10 : 20));
        }
        assertThat(Forecaster.stepZ(x, new BigDecimal("2"))).isCloseTo(new BigDecimal("7.463610840927833"), CLOSE);
        // ten days: the three before the last seven; errors 1.2533 x 2 / sqrt(7) and / sqrt(3): z = 5.78128...
        assertThat(Forecaster.stepZ(x.subList(4, 14), new BigDecimal("2")))
                .isCloseTo(new BigDecimal("5.781288097897327"), CLOSE);
    }

    @Test
    void aStepNeedsTenDaysAndWithoutScatterAnyMoveIsAWholeStep() {
        List<BigDecimal> nine = values("10", "10", "20", "20", "20", "20", "20", "20", "20");
        List<BigDecimal> ten = values("10", "10", "10", "20", "20", "20", "20", "20", "20", "20");
        List<BigDecimal> flat = values("10", "10", "10", "10", "10", "10", "10", "10", "10", "10");

        assertThat(Forecaster.stepZ(nine, new BigDecimal("2"))).isEqualByComparingTo("0");
        assertThat(Forecaster.stepZ(ten, BigDecimal.ZERO)).isEqualByComparingTo(Forecaster.STEP_FULL);
        assertThat(Forecaster.stepZ(flat, BigDecimal.ZERO)).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "ramp({0}) from 2.5 to 3.5 = {1}")
    @CsvSource({"0, 0", "2.5, 0", "3.0, 0.5", "3.25, 0.75", "3.5, 1", "9, 1", "-3.0, 0.5", "-9, 1"})
    void aFindingCountsFromNothingToFullAlongAStraightLine(String z, String weight) {
        assertThat(Forecaster.ramp(new BigDecimal(z), new BigDecimal("2.5"), new BigDecimal("3.5")))
                .isEqualByComparingTo(weight);
    }

    // --- trends -------------------------------------------------------------------------------------------------

    @Test
    void theMannKendallScoreCountsRisingPairsWithAContinuityCorrection() {
        // 1..5: S = 10 (every pair rises), variance 5 x 4 x 15 / 18 = 16.667, Z = (10 - 1) / 4.0825 = 2.2045
        assertThat(Forecaster.mannKendallZ(values("1", "2", "3", "4", "5"))).isCloseTo(2.2045407685048604,
                Offset.offset(1e-12));
        assertThat(Forecaster.mannKendallZ(values("5", "4", "3", "2", "1"))).isCloseTo(-2.2045407685048604,
                Offset.offset(1e-12));
        // 1 3 2: S = +1 + 1 - 1 = 1, corrected to 0; ties count nothing
        assertThat(Forecaster.mannKendallZ(values("1", "3", "2"))).isZero();
        assertThat(Forecaster.mannKendallZ(values("2", "2", "2", "2"))).isZero();
    }

    @Test
    void aSureTrendIsFollowedWhole() {
        // 8 days rising by 1: S = 28, Z = 27 / sqrt(8 x 7 x 21 / 18) = 3.3404, past 3.291: weight 1, slope 1
        assertThat(Forecaster.trend(points("10", "11", "12", "13", "14", "15", "16", "17")))
                .isEqualByComparingTo("1");
        assertThat(Forecaster.trend(points("17", "16", "15", "14", "13", "12", "11", "10")))
                .isEqualByComparingTo("-1");
    }

    @Test
    void aLessSureTrendIsFollowedInPart() {
        // 7 days rising by 1: S = 21, Z = 20 / sqrt(7 x 6 x 19 / 18) = 3.003757; weight (3.003757 - 2.326) / 0.965
        assertThat(Forecaster.trend(points("10", "11", "12", "13", "14", "15", "16")))
                .isCloseTo(new BigDecimal("0.7023389077000549"), CLOSE);
    }

    @Test
    void noiseAndShortRunsAreNoTrend() {
        // 10 12 alternating: S = 10 - 6 = 4, Z = 3 / 8.08 = 0.37; six days are too few to judge
        assertThat(Forecaster.trend(points("10", "12", "10", "12", "10", "12", "10", "12"))).isEqualByComparingTo("0");
        assertThat(Forecaster.trend(points("10", "11", "12", "13", "14", "15"))).isEqualByComparingTo("0");
    }

    @Test
    void aTrendIsLookedForInTheLast28DaysOnly() {
        // 14 days at 1000, then 28 days rising by 1: over all 42 days S = -392 + 378 = -14 (no trend), over the
        // last 28 a sure rise of 1 a day
        List<String> x = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            x.add("1000");
        }
        for (int i = 0; i < 28; i++) {
            x.add(String.valueOf(10 + i));
        }
        assertThat(Forecaster.trend(points(x.toArray(String[]::new)))).isEqualByComparingTo("1");
    }

    // --- projection: damping and the P90 spread --------------------------------------------------------------

    @ParameterizedTest(name = "{0} days ahead add {1} days of trend")
    @CsvSource({"0, 0", "1, 0.93", "2, 1.7949", "3, 2.599257"})
    void eachDayAheadAddsDampedTrend(int ahead, String days) {
        // 0.93, + 0.93^2 = 0.8649, + 0.93^3 = 0.804357
        assertThat(Forecaster.damped(ahead)).isEqualByComparingTo(days);
    }

    @Test
    void aDayAheadIsTheLevelPlusTheDampedTrendTimesItsWeeklyFactorNeverBelowZero() {
        Forecaster.Rate rising = new Forecaster.Rate(WeeklyPattern.FLAT, new BigDecimal("100"), new BigDecimal("2"),
                new BigDecimal("10"), new BigDecimal("5"));
        Forecaster.Rate falling = new Forecaster.Rate(WeeklyPattern.FLAT, new BigDecimal("10"), new BigDecimal("-20"),
                BigDecimal.ZERO, BigDecimal.ZERO);

        assertThat(rising.expected(TODAY, 0)).isEqualByComparingTo("100");
        assertThat(rising.expected(TODAY, 1)).isEqualByComparingTo("101.86");      // 100 + 2 x 0.93
        assertThat(rising.expected(TODAY, 2)).isEqualByComparingTo("103.5898");    // 100 + 2 x 1.7949
        assertThat(falling.expected(TODAY, 1)).isEqualByComparingTo("0");          // 10 - 20 x 0.93 < 0
        // three days of factor 1: 1.2816 x sqrt(10^2 x 3 + (5 x 3)^2) = 1.2816 x sqrt(525)
        assertThat(rising.spread(new BigDecimal("3"), new BigDecimal("3")))
                .isCloseTo(new BigDecimal("29.36514505327702"), CLOSE);
    }

    // --- the rate from a history ------------------------------------------------------------------------------

    @Test
    void withThreeDaysTheRateIsTheirMeanWithoutTheLargest() {
        // (900 + 30 + 30 - 900) / 2 = 30; sigma from differences 870 and 0: 435 x 1.4826 / sqrt(2)
        Forecaster.Rate rate = Forecaster.Rate.of(history("900", "30", "30"), TODAY);

        assertThat(rate.level()).isEqualByComparingTo("30");
        assertThat(rate.slope()).isEqualByComparingTo("0");
        assertThat(rate.sigma()).isCloseTo(new BigDecimal("456.0350834974213"), CLOSE);
        assertThat(rate.levelError()).isCloseTo(new BigDecimal("329.9838362995537"), CLOSE);  // 1.2533 s / sqrt(3)
    }

    @Test
    void fromFiveDaysABatchIsAOneOffBeforeTheMeanIsTaken() {
        // 900 is 870 from its neighbours' median (30) against a limit of 4 x 1.4826 x 2: it goes; then
        // (30 + 32 + 28 + 30 - 32) / 3 = 29.333...; sigma from differences 2, 4, 2 of the days kept
        Forecaster.Rate rate = Forecaster.Rate.of(history("900", "30", "32", "28", "30"), TODAY);

        assertThat(rate.level()).isCloseTo(new BigDecimal("29.33333333333333"), CLOSE);
        assertThat(rate.sigma()).isCloseTo(new BigDecimal("2.096713027574351"), CLOSE);
    }

    @Test
    void aDayOfNegativeSpendIsNeverARate() {
        // a refund larger than the day: left out before the mean, (40 x 3 - 40) / 2 = 40, not (115 - 40) / 3
        assertThat(Forecaster.Rate.of(history("40", "40", "-5", "40"), TODAY).level()).isEqualByComparingTo("40");
    }

    @Test
    void aDayOfNoSpendIsARateOfZero() {
        // a day billed 0 is a quiet day, not a gap: (40 + 0 + 40 - 40) / 2 = 20
        assertThat(Forecaster.Rate.of(history("40", "0", "40"), TODAY).level()).isEqualByComparingTo("20");
    }

    @Test
    void weekendsAtZeroAreLeftOutOfTheRate() {
        // two weeks, Monday the 2nd to Sunday the 15th: weekdays 100, weekends 0; factors 1.4 and 0 (below 0.2:
        // left out). Ten weekdays of 100 / 1.4; a weekday ahead is 100 again, a weekend day 0
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        LocalDate monday = LocalDate.of(2026, 11, 2);
        for (int i = 0; i < 14; i++) {
            days.put(monday.plusDays(i), new BigDecimal(i % 7 < 5 ? "100" : "0"));
        }
        LocalDate today = LocalDate.of(2026, 11, 16);
        Forecaster.Rate rate = Forecaster.Rate.of(days, today);

        assertThat(rate.level()).isCloseTo(new BigDecimal("71.42857142857143"), CLOSE);
        assertThat(rate.expected(today, 0)).isCloseTo(new BigDecimal("100"), CLOSE);
        assertThat(rate.expected(today, 5)).isEqualByComparingTo("0");   // Saturday the 21st
    }

    @Test
    void whenTooFewDaysWouldSetTheRateEveryDayCountsWithoutAPattern() {
        // one week, weekdays 1 and a weekend of 100: weekday factor 7 / 205 < 0.2 leaves the two weekend days, too
        // few, so the week is flat: seven days (not fewer than a week), no trend (S = 10, Z = 9 / 6.66 = 1.35),
        // no step (under ten days): the median of all seven, 1 (with the pattern it would be 100 / 3.41)
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < 7; i++) {
            days.put(LocalDate.of(2026, 11, 9).plusDays(i), new BigDecimal(i < 5 ? "1" : "100"));  // Monday to Sunday
        }
        Forecaster.Rate rate = Forecaster.Rate.of(days, LocalDate.of(2026, 11, 16));

        assertThat(rate.pattern()).isEqualTo(WeeklyPattern.FLAT);
        assertThat(rate.level()).isEqualByComparingTo("1");
    }

    @Test
    void aCleanStepMovesTheLevelToTheNewSpendWithoutATrend() {
        // 14 days at 40, then 7 at 80: the Theil-Sen slope is the median of 112 flat pairs and 98 rising ones: 0;
        // the last seven stand apart from the seven before with no scatter: a whole step, level 80
        String[] usd = new String[21];
        Arrays.fill(usd, 0, 14, "40");
        Arrays.fill(usd, 14, 21, "80");
        Forecaster.Rate rate = Forecaster.Rate.of(history(usd), TODAY);

        assertThat(rate.level()).isEqualByComparingTo("80");
        assertThat(rate.slope()).isEqualByComparingTo("0");
        assertThat(rate.levelError()).isEqualByComparingTo("0");
    }

    @Test
    void aSteadyTrendIsNotTakenForAStep() {
        // 21 days rising by 3 from 50, Sunday the 1st to Saturday the 21st: the weekday and weekend medians are the
        // same (both the 11th day's), so the pattern is flat. Z far past 3.291: slope 3 (every pair's). Carried to
        // Sunday the 22nd along it every day says 50 + 3 x 21 = 113, so the last seven do not stand apart from the
        // seven before: no step, level 113, the whole slope kept; sigma from differences of 3: 3 x 1.4826 / sqrt(2)
        String[] usd = new String[21];
        for (int i = 0; i < 21; i++) {
            usd[i] = String.valueOf(50 + 3 * i);
        }
        LocalDate today = LocalDate.of(2026, 11, 22);
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (int i = 0; i < 21; i++) {
            days.put(LocalDate.of(2026, 11, 1).plusDays(i), new BigDecimal(usd[i]));
        }
        Forecaster.Rate rate = Forecaster.Rate.of(days, today);

        assertThat(rate.pattern().factor(today)).isEqualByComparingTo("1");
        assertThat(rate.pattern().factor(today.plusDays(1))).isEqualByComparingTo("1");
        assertThat(rate.slope()).isEqualByComparingTo("3");
        assertThat(rate.level()).isEqualByComparingTo("113");
        assertThat(rate.sigma()).isCloseTo(new BigDecimal("3.145069541361526"), CLOSE);
        // the level's error is that of a median of 14 days: 1.2533 x sigma / sqrt(14)
        assertThat(rate.levelError()).isCloseTo(new BigDecimal("1.053467821538559"), CLOSE);
    }
}
