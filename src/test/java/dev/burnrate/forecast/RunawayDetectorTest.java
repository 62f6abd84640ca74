package dev.burnrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RunawayDetectorTest {

    private final RunawayDetector detector = new RunawayDetector();
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    /** Four weeks of business-hours spend: $2 an hour 08-19 on weekdays, $0.50 otherwise. */
    private static NavigableMap<Instant, BigDecimal> normalWeeks(Instant until) {
        NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
        for (Instant h = START; h.isBefore(until); h = h.plus(Duration.ofHours(1))) {
            var t = h.atZone(ZoneOffset.UTC);
            boolean busy = t.getDayOfWeek().getValue() <= 5 && t.getHour() >= 8 && t.getHour() < 19;
            hours.put(h, new BigDecimal(busy ? "2.00" : "0.50"));
        }
        return hours;
    }

    @Test
    void flagsAnHourFarAboveItsBaselineAndSaysWhenItStarted() {
        Instant loop = Instant.parse("2026-11-10T14:00:00Z");
        var hours = normalWeeks(Instant.parse("2026-11-10T16:00:00Z"));
        hours.put(loop, new BigDecimal("30"));
        hours.put(loop.plus(Duration.ofHours(1)), new BigDecimal("30"));

        var first = detector.evaluate(hours, loop.plus(Duration.ofHours(1)));
        var second = detector.evaluate(hours, loop.plus(Duration.ofHours(2)));

        assertThat(first).isPresent();
        assertThat(first.get().startedAt()).isEqualTo(loop);
        assertThat(first.get().baselineUsd()).isEqualByComparingTo("2.00");
        assertThat(second.get().startedAt()).isEqualTo(loop);
    }

    @Test
    void staysQuietThroughMondayMorningsNightsAndWeekends() {
        var hours = normalWeeks(Instant.parse("2026-11-30T00:00:00Z"));

        for (Instant asOf = Instant.parse("2026-11-01T01:00:00Z"); asOf.isBefore(Instant.parse("2026-11-30T00:00:00Z"));
                asOf = asOf.plus(Duration.ofHours(1))) {
            assertThat(detector.evaluate(hours, asOf)).as("at %s", asOf).isEmpty();
        }
    }

    @Test
    void aLoneBusyHourIsNotARunawayButTwoHoursOfTripleSpendAre() {
        Instant hour = Instant.parse("2026-11-11T10:00:00Z");
        var busy = normalWeeks(Instant.parse("2026-11-11T13:00:00Z"));
        busy.put(hour, new BigDecimal("6.00"));
        var loop = normalWeeks(Instant.parse("2026-11-11T13:00:00Z"));
        loop.put(hour, new BigDecimal("6.00"));
        loop.put(hour.plus(Duration.ofHours(1)), new BigDecimal("6.00"));

        assertThat(detector.evaluate(busy, hour.plus(Duration.ofHours(1)))).isEmpty();
        assertThat(detector.evaluate(busy, hour.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(detector.evaluate(loop, hour.plus(Duration.ofHours(2)))).isPresent();
    }

    @Test
    void aTinyNightIncreaseIsNotARunaway() {
        Instant night = Instant.parse("2026-11-11T03:00:00Z");
        var hours = normalWeeks(Instant.parse("2026-11-11T05:00:00Z"));
        hours.replaceAll((h, usd) -> usd.compareTo(BigDecimal.ONE) < 0 ? new BigDecimal("0.05") : usd);
        hours.put(night, new BigDecimal("0.30")); // 6x the night baseline, but 25 cents: less than half an average hour

        assertThat(detector.evaluate(hours, night.plus(Duration.ofHours(1)))).isEmpty();
        hours.put(night, new BigDecimal("0.60"));
        assertThat(detector.evaluate(hours, night.plus(Duration.ofHours(1)))).isPresent();
    }

    @Test
    void withoutThreeDaysOfHistoryItDoesNotJudge() {
        NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
        Instant start = Instant.parse("2026-11-10T00:00:00Z");
        for (int i = 0; i < 40; i++) {
            hours.put(start.plus(Duration.ofHours(i)), i == 39 ? new BigDecimal("500") : BigDecimal.ONE);
        }

        assertThat(detector.evaluate(hours, start.plus(Duration.ofHours(40)))).isEmpty();
    }

    // --- each rule at its boundary, figures worked by hand -------------------------------------------------------

    private static final Instant WEDNESDAY_TEN = Instant.parse("2026-11-18T10:00:00Z");
    private static final Offset<BigDecimal> CLOSE = Offset.offset(new BigDecimal("1e-12"));

    /** $1 an hour from {@code from} up to (not including) {@code until}. */
    private static NavigableMap<Instant, BigDecimal> dollarAnHour(Instant from, Instant until) {
        NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
        for (Instant h = from; h.isBefore(until); h = h.plus(Duration.ofHours(1))) {
            hours.put(h, BigDecimal.ONE);
        }
        return hours;
    }

    @Test
    void anHourAtExactlyFourTimesItsBaselineIsARunawayAndJustUnderIsNot() {
        // a busy weekday hour's baseline is 2.00; 8.00 is four times it (and 6.00 over it, past the floor of half
        // the week's mean hour, 166.5 / 168 / 2 = 0.4955)
        Instant hour = Instant.parse("2026-11-11T10:00:00Z");
        var at = normalWeeks(hour.plus(Duration.ofHours(1)));
        at.put(hour, new BigDecimal("8.00"));
        var under = normalWeeks(hour.plus(Duration.ofHours(1)));
        under.put(hour, new BigDecimal("7.99"));

        assertThat(detector.evaluate(at, hour.plus(Duration.ofHours(1)))).isPresent();
        assertThat(detector.evaluate(under, hour.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void twoHoursEachAtOneAndAHalfTimesAndTogetherTwoAndAHalfTimesAreARunaway() {
        // baselines 2.00 and 2.00: 3.00 then 7.00 are each at least 3.00 and together 10.00 = 2.5 x 4.00
        Instant first = Instant.parse("2026-11-11T10:00:00Z");
        Instant second = first.plus(Duration.ofHours(1));
        Instant asOf = second.plus(Duration.ofHours(1));

        // the first hour alone is not a runaway (its own hour before it was normal): the finding starts at the second
        assertThat(detector.evaluate(pair("3.00", "7.00", asOf), asOf)).isPresent()
                .get().extracting(RunawayDetector.Finding::startedAt).isEqualTo(second);
        assertThat(detector.evaluate(pair("3.00", "6.99", asOf), asOf)).as("together under 2.5x").isEmpty();
        assertThat(detector.evaluate(pair("2.99", "7.01", asOf), asOf)).as("the first under 1.5x").isEmpty();
    }

    private static NavigableMap<Instant, BigDecimal> pair(String first, String second, Instant until) {
        var hours = normalWeeks(until);
        hours.put(until.minus(Duration.ofHours(2)), new BigDecimal(first));
        hours.put(until.minus(Duration.ofHours(1)), new BigDecimal(second));
        return hours;
    }

    @Test
    void anEpisodeBridgesTwoQuietHoursButNotThree() {
        // runaway hours at 30 with two normal hours between them are one episode; with three, the last is a new one
        var bridged = normalWeeks(Instant.parse("2026-11-11T14:00:00Z"));
        bridged.put(Instant.parse("2026-11-11T10:00:00Z"), new BigDecimal("30"));
        bridged.put(Instant.parse("2026-11-11T13:00:00Z"), new BigDecimal("30"));
        var broken = normalWeeks(Instant.parse("2026-11-11T14:00:00Z"));
        broken.put(Instant.parse("2026-11-11T09:00:00Z"), new BigDecimal("30"));
        broken.put(Instant.parse("2026-11-11T13:00:00Z"), new BigDecimal("30"));
        Instant asOf = Instant.parse("2026-11-11T14:00:00Z");

        assertThat(detector.evaluate(bridged, asOf).get().startedAt()).isEqualTo(Instant.parse("2026-11-11T10:00:00Z"));
        assertThat(detector.evaluate(broken, asOf).get().startedAt()).isEqualTo(Instant.parse("2026-11-11T13:00:00Z"));
    }

    @Test
    void theStartOfANewFindingIsLookedForAtMost71HoursBack() {
        // a loop at 30 since Monday 00:00, judged at Thursday 12:00 (last hour 11:00): 83 hours of it, but the search
        // goes back 71 hours, to Monday 12:00 (a long episode is state, kept by the tracker, not re-derived)
        var hours = normalWeeks(Instant.parse("2026-11-12T12:00:00Z"));
        for (Instant h = Instant.parse("2026-11-09T00:00:00Z"); h.isBefore(Instant.parse("2026-11-12T12:00:00Z"));
                h = h.plus(Duration.ofHours(1))) {
            hours.put(h, new BigDecimal("30"));
        }

        assertThat(detector.evaluate(hours, Instant.parse("2026-11-12T12:00:00Z")).get().startedAt())
                .isEqualTo(Instant.parse("2026-11-09T12:00:00Z"));
    }

    @Test
    void theBaselineIsTheMedianOfTheSameHourOverTheLastFourWeeks() {
        // the same hour 1, 2, 3, 4 weeks back at 1, 2, 3, 4 (5 and 6 weeks back at 100, not read): median 2.5;
        // their deviations from it 1.5, 0.5, 0.5, 1.5: median 1, x 1.4826 x 4 = 5.9304, above half the week's
        // mean hour (1.00 / 2)
        var hours = dollarAnHour(WEDNESDAY_TEN.minus(Duration.ofDays(42)), WEDNESDAY_TEN);
        String[] weeksBack = {"1", "2", "3", "4", "100", "100"};
        for (int w = 1; w <= 6; w++) {
            hours.put(WEDNESDAY_TEN.minus(Duration.ofDays(7L * w)), new BigDecimal(weeksBack[w - 1]));
        }

        RunawayDetector.Baseline b = RunawayDetector.baseline(hours, WEDNESDAY_TEN, WEDNESDAY_TEN).orElseThrow();

        assertThat(b.usd()).isEqualByComparingTo("2.5");
        assertThat(b.minimumExcess()).isEqualByComparingTo("5.9304");
        assertThat(b.meanHourlyUsd()).isEqualByComparingTo("1");
    }

    @Test
    void twoWeeksOfTheSameHourAreEnoughForItsMedian() {
        // history from exactly two weeks back: 4 and 2 -> median 3
        var hours = dollarAnHour(WEDNESDAY_TEN.minus(Duration.ofDays(14)), WEDNESDAY_TEN);
        hours.put(WEDNESDAY_TEN.minus(Duration.ofDays(14)), new BigDecimal("4"));
        hours.put(WEDNESDAY_TEN.minus(Duration.ofDays(7)), new BigDecimal("2"));

        assertThat(RunawayDetector.baseline(hours, WEDNESDAY_TEN, WEDNESDAY_TEN).orElseThrow().usd())
                .isEqualByComparingTo("3");
    }

    @Test
    void underTwoWeeksTheBaselineIsTheLargestOfTheSameHourOnTheLastSevenDays() {
        // 13 days of history: one week back only, so the same hour of the last seven days, largest 5 (eight days
        // back, 9, is not read); no spread among 1, 1, 5, 1, 1, 1, 1 beyond the median: the floor is half the week's
        // mean hour: (166 x 1 + 5 + 1) / 168 / 2
        var hours = dollarAnHour(WEDNESDAY_TEN.minus(Duration.ofDays(13)), WEDNESDAY_TEN);
        hours.put(WEDNESDAY_TEN.minus(Duration.ofDays(3)), new BigDecimal("5"));
        hours.put(WEDNESDAY_TEN.minus(Duration.ofDays(8)), new BigDecimal("9"));

        RunawayDetector.Baseline b = RunawayDetector.baseline(hours, WEDNESDAY_TEN, WEDNESDAY_TEN).orElseThrow();

        assertThat(b.usd()).isEqualByComparingTo("5");
        assertThat(b.minimumExcess()).isCloseTo(new BigDecimal("0.5119047619047619"), CLOSE);
    }

    @Test
    void threeDaysOfTheSameHourAreTheLeastAndTheirWeekIsAsLongAsTheHistory() {
        // exactly three days: 2, 3, 4 -> largest 4; deviations 1, 0, 1 -> 1 x 1.4826 x 4 = 5.9304; the mean hour over
        // the 72 hours known is (69 + 9) / 72
        var hours = dollarAnHour(WEDNESDAY_TEN.minus(Duration.ofDays(3)), WEDNESDAY_TEN);
        hours.put(WEDNESDAY_TEN.minus(Duration.ofDays(3)), new BigDecimal("2"));
        hours.put(WEDNESDAY_TEN.minus(Duration.ofDays(2)), new BigDecimal("3"));
        hours.put(WEDNESDAY_TEN.minus(Duration.ofDays(1)), new BigDecimal("4"));

        RunawayDetector.Baseline b = RunawayDetector.baseline(hours, WEDNESDAY_TEN, WEDNESDAY_TEN).orElseThrow();

        assertThat(b.usd()).isEqualByComparingTo("4");
        assertThat(b.minimumExcess()).isEqualByComparingTo("5.9304");
        assertThat(b.meanHourlyUsd()).isCloseTo(new BigDecimal("1.083333333333333"), CLOSE);
        var twoDays = dollarAnHour(WEDNESDAY_TEN.minus(Duration.ofHours(71)), WEDNESDAY_TEN);
        assertThat(RunawayDetector.baseline(twoDays, WEDNESDAY_TEN, WEDNESDAY_TEN)).isEmpty();
    }

    @Test
    void onlyHoursBeforeWhatIsKnownCount() {
        // known up to two days before the hour: of the three days before it only the third is known, too few
        var hours = dollarAnHour(WEDNESDAY_TEN.minus(Duration.ofDays(3)), WEDNESDAY_TEN);

        assertThat(RunawayDetector.baseline(hours, WEDNESDAY_TEN, WEDNESDAY_TEN.minus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void aProfileFreezesEachHourOfTheWeekFromTheHoursBeforeItsStart() {
        // four weeks of $1 an hour, Tuesdays 10:00 at $3; from Monday Nov 2: slot 34 (Tuesday 10:00) is 3, the
        // others 1; no spread, so every floor is half the mean hour of the week before: (167 + 3) / 168 / 2
        Instant start = Instant.parse("2026-11-02T00:00:00Z");
        var hours = dollarAnHour(start.minus(Duration.ofDays(28)), start);
        for (int w = 1; w <= 4; w++) {
            hours.put(start.minus(Duration.ofDays(7L * w)).plus(Duration.ofHours(34)), new BigDecimal("3"));
        }

        RunawayDetector.Profile profile = detector.profile(hours, start);

        assertThat(profile.baselineUsd().get(34)).isEqualByComparingTo("3");
        assertThat(profile.baselineUsd().get(0)).isEqualByComparingTo("1");
        assertThat(profile.minimumExcessUsd().get(0)).isCloseTo(new BigDecimal("0.5059523809523810"), CLOSE);
        // raised: at least 1.5 x the baseline and more than half the floor above it
        assertThat(detector.raised(profile, 34, new BigDecimal("4.5"))).isTrue();
        assertThat(detector.raised(profile, 34, new BigDecimal("4.49"))).isFalse();
        assertThat(detector.raised(profile, 0, new BigDecimal("1.5"))).isTrue();
    }

    @Test
    void aSlotWithoutHistoryTakesTheMedianOfTheKnownSlots() {
        // 60 hours of history before midnight, each hour costing its hour of the day in dollars: a slot is known
        // from three same hours of the day, which the 60 hours hold only for 12:00-23:00; those slots take their
        // hour (the largest of three equal days), the others the median of the 84 known slots: (17 + 18) / 2
        Instant start = Instant.parse("2026-11-02T00:00:00Z");
        NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
        for (Instant h = start.minus(Duration.ofHours(60)); h.isBefore(start); h = h.plus(Duration.ofHours(1))) {
            hours.put(h, BigDecimal.valueOf(h.atZone(ZoneOffset.UTC).getHour()));
        }

        RunawayDetector.Profile profile = detector.profile(hours, start);

        assertThat(profile.baselineUsd().get(12)).isEqualByComparingTo("12");
        assertThat(profile.baselineUsd().get(0)).isEqualByComparingTo("17.5");
        assertThat(detector.profile(new TreeMap<>(), start).baselineUsd()).containsOnly(BigDecimal.ZERO);
    }

    @Test
    void raisedNeedsMoreThanHalfTheFloorAboveTheBaseline() {
        RunawayDetector.Profile profile = new RunawayDetector.Profile(
                Collections.nCopies(RunawayDetector.WEEK_HOURS, new BigDecimal("10")),
                Collections.nCopies(RunawayDetector.WEEK_HOURS, new BigDecimal("20")));

        assertThat(detector.raised(profile, 5, new BigDecimal("20"))).isFalse();   // 10 over: not more than 10
        assertThat(detector.raised(profile, 5, new BigDecimal("20.01"))).isTrue();
    }

    @Test
    void aProfileHasOneSlotPerHourOfTheWeek() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunawayDetector.Profile(
                Collections.nCopies(3, BigDecimal.ONE), Collections.nCopies(RunawayDetector.WEEK_HOURS, BigDecimal.ONE)))
                .hasMessage("a profile has 168 hourly slots, got 3 and 168");
        Instant start = Instant.parse("2026-11-02T00:00:00Z");
        assertThat(RunawayDetector.Profile.slot(start, start.plus(Duration.ofHours(170)))).isEqualTo(2);
        assertThat(RunawayDetector.Profile.slot(start, start.minus(Duration.ofHours(1)))).isEqualTo(167);
    }
}
