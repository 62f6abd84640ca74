package dev.burnrate.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The minute-grain detector's windows at their boundaries. Every expected figure is worked out here by hand from a
 * flat history of $1.20 an hour: a slot usually costs $0.10, the hour's floor is half the mean ($0.60), so
 * <ul>
 * <li>5 min: 8 × $0.10 = $0.80, and above $0.10 by more than 2 × $0.10 (the mean's share) = $0.20;</li>
 * <li>15 min: 5 × $0.30 = $1.50, and above by more than 1.5 × $0.30 = $0.45;</li>
 * <li>60 min: 2.5 × $1.20 = $3.00, and above by more than max($0.60 floor, 0.5 × $1.20) = $0.60.</li>
 * </ul>
 */
class PulseDetectorTest {

    private static final Instant HOUR = Instant.parse("2026-11-18T10:00:00Z");
    private static final Instant THROUGH = HOUR.plus(Duration.ofMinutes(30));
    private static final Duration SLOT = Duration.ofMinutes(5);
    private final PulseDetector detector = new PulseDetector();

    /** Fourteen days of hours before 10:00, each at {@code usd.apply(hour)}. */
    private static NavigableMap<Instant, BigDecimal> history(Function<Instant, String> usd) {
        NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
        for (Instant h = HOUR.minus(Duration.ofDays(14)); h.isBefore(HOUR); h = h.plus(Duration.ofHours(1))) {
            hours.put(h, new BigDecimal(usd.apply(h)));
        }
        return hours;
    }

    private static NavigableMap<Instant, BigDecimal> flat() {
        return history(h -> "1.20");
    }

    /** The hour before {@code THROUGH} in slots of $0.10, with the last {@code n} slots at {@code usd}. */
    private static NavigableMap<Instant, BigDecimal> slots(int n, String usd) {
        NavigableMap<Instant, BigDecimal> slots = new TreeMap<>();
        for (int back = 1; back <= 12; back++) {
            slots.put(THROUGH.minus(SLOT.multipliedBy(back)), new BigDecimal(back <= n ? usd : "0.10"));
        }
        return slots;
    }

    @Test
    void aFiveMinuteSlotAtEightTimesItsUsualFiresTheShortestWindowAndJustUnderDoesNotFireAny() {
        Optional<PulseDetector.Finding> at = detector.evaluate(flat(), slots(1, "0.80"), THROUGH);
        assertThat(at).isPresent();
        assertThat(at.get().window().minutes()).isEqualTo(5);
        assertThat(at.get().spentUsd()).isEqualByComparingTo("0.80");
        assertThat(at.get().usualUsd()).isEqualByComparingTo("0.10");
        assertThat(at.get().hourlyRateUsd()).isEqualByComparingTo("9.60");
        assertThat(at.get().usualHourlyRateUsd()).isEqualByComparingTo("1.20");
        assertThat(at.get().since()).isEqualTo(Instant.parse("2026-11-18T10:25:00Z"));
        assertThat(at.get().silentHour()).isFalse();
        // 0.79: 15 min is 0.99 of the 1.50 it needs, 60 min 1.89 of 3.00
        assertThat(detector.evaluate(flat(), slots(1, "0.79"), THROUGH)).isEmpty();
    }

    @Test
    void threeSlotsAtFiveTimesFireTheFifteenMinuteWindowFromTheirStart() {
        Optional<PulseDetector.Finding> at = detector.evaluate(flat(), slots(3, "0.50"), THROUGH);
        assertThat(at).isPresent();
        assertThat(at.get().window().minutes()).isEqualTo(15);
        assertThat(at.get().spentUsd()).isEqualByComparingTo("1.50");
        assertThat(at.get().since()).isEqualTo(Instant.parse("2026-11-18T10:15:00Z"));
        assertThat(detector.evaluate(flat(), slots(3, "0.49"), THROUGH)).isEmpty();
    }

    @Test
    void anHourAtTwoAndAHalfTimesFiresTheHourWindowAcrossTheHourBoundary() {
        Optional<PulseDetector.Finding> at = detector.evaluate(flat(), slots(12, "0.25"), THROUGH);
        assertThat(at).isPresent();
        assertThat(at.get().window().minutes()).isEqualTo(60);
        assertThat(at.get().spentUsd()).isEqualByComparingTo("3.00");
        assertThat(at.get().usualUsd()).isEqualByComparingTo("1.20");
        assertThat(at.get().since()).isEqualTo(Instant.parse("2026-11-18T09:30:00Z"));
        // 0.24 a slot is 2.88: a busy hour, not a runaway
        assertThat(detector.evaluate(flat(), slots(12, "0.24"), THROUGH)).isEmpty();
    }

    @Test
    void theDailyPeakIsItsOwnNormalButTheSameSpendInAnOrdinaryHourIsNot() {
        // 10:00 is the daily peak at $6.00 (five times the other hours' $1.20): $0.50 a slot is usual then
        NavigableMap<Instant, BigDecimal> peaked = history(h -> h.atZone(java.time.ZoneOffset.UTC).getHour() == 10
                ? "6.00" : "1.20");
        NavigableMap<Instant, BigDecimal> slots = new TreeMap<>();
        for (int back = 1; back <= 12; back++) {
            Instant slot = THROUGH.minus(SLOT.multipliedBy(back));
            slots.put(slot, new BigDecimal(slot.isBefore(HOUR) ? "0.10" : "0.50"));
        }
        assertThat(detector.evaluate(peaked, slots, THROUGH)).isEmpty();
        assertThat(detector.evaluate(flat(), slots, THROUGH)).get()
                .extracting(f -> f.window().minutes()).isEqualTo(15);
    }

    @Test
    void aNormallySilentHourFiresOnlyAboveTheMeanShareAndIsFlaggedSilent() {
        // 10:00 is silent ($0): the week's mean hour is 23 × 1.20 / 24 = $1.15, so a slot's mean is $0.0958..;
        // 5 min must exceed 2 × 0.0958.. = $0.1917 (the floor from a silent hour's zero spread is 0.575 / 12, less)
        NavigableMap<Instant, BigDecimal> silent = history(h -> h.atZone(java.time.ZoneOffset.UTC).getHour() == 10
                ? "0" : "1.20");
        NavigableMap<Instant, BigDecimal> slots = new TreeMap<>();
        for (int back = 1; back <= 12; back++) {
            Instant slot = THROUGH.minus(SLOT.multipliedBy(back));
            slots.put(slot, new BigDecimal(slot.isBefore(HOUR) ? "0.10" : "0"));
        }
        slots.put(THROUGH.minus(SLOT), new BigDecimal("0.20"));
        Optional<PulseDetector.Finding> at = detector.evaluate(silent, slots, THROUGH);
        assertThat(at).isPresent();
        assertThat(at.get().window().minutes()).isEqualTo(5);
        assertThat(at.get().silentHour()).isTrue();
        slots.put(THROUGH.minus(SLOT), new BigDecimal("0.19"));
        assertThat(detector.evaluate(silent, slots, THROUGH)).isEmpty();
    }

    @Test
    void withLessThanThreeDaysOfHistoryOrOffTheSlotGridItDoesNotJudge() {
        NavigableMap<Instant, BigDecimal> twoDays = new TreeMap<>(flat().tailMap(HOUR.minus(Duration.ofDays(2))));
        assertThat(detector.evaluate(twoDays, slots(1, "100"), THROUGH)).isEmpty();
        assertThat(detector.evaluate(new TreeMap<>(), slots(1, "100"), THROUGH)).isEmpty();
        assertThat(detector.evaluate(flat(), slots(1, "100"), THROUGH.plusSeconds(60))).isEmpty();
        assertThat(detector.evaluate(flat(), slots(1, "100"), THROUGH)).isPresent();
    }

    @Test
    void slotStartsAreOnTheFiveMinuteGrid() {
        assertThat(PulseDetector.slotStart(Instant.parse("2026-11-18T10:34:59.999Z")))
                .isEqualTo(Instant.parse("2026-11-18T10:30:00Z"));
        assertThat(PulseDetector.slotStart(Instant.parse("2026-11-18T10:35:00Z")))
                .isEqualTo(Instant.parse("2026-11-18T10:35:00Z"));
    }
}
