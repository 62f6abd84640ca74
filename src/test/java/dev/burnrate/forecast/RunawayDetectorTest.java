package dev.burnrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.NavigableMap;
import java.util.TreeMap;

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
}
