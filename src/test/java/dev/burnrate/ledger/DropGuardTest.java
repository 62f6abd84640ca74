package dev.burnrate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;

/** Each transition of a stored day's figure (see the package docs), with figures worked out by hand. */
class DropGuardTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 18);
    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
    private final DropGuard guard = new DropGuard(0.5, Duration.ofHours(6));

    private static DailyCost day(String usd) {
        return new DailyCost("openai", DAY, usd == null ? List.of()
                : List.of(new CostLine("p", "item", new BigDecimal(usd), null, null)));
    }

    private static Map<LocalDate, DropGuard.Stored> stored(String usd, String heldUsd, Instant since) {
        return Map.of(DAY, new DropGuard.Stored(new BigDecimal(usd),
                heldUsd == null ? null : new DailySnapshot.Held(new BigDecimal(heldUsd), since)));
    }

    @Test
    void aFirstReadIsWritten() {
        DropGuard.Verdict verdict = guard.judge(List.of(day("112.40")), Map.of(), T);
        assertThat(verdict.write()).extracting(DailyCost::totalUsd).containsExactly(new BigDecimal("112.40"));
        assertThat(verdict.hold()).isEmpty();
    }

    @Test
    void risesAndRevisionsOfUpToHalfAreWritten() {
        assertThat(guard.judge(List.of(day("150.00")), stored("112.40", null, null), T).write()).hasSize(1);
        // 112.40 * 0.5 = 56.20: exactly half is not a sharp drop, a cent less is
        assertThat(guard.judge(List.of(day("56.20")), stored("112.40", null, null), T).write()).hasSize(1);
        assertThat(guard.judge(List.of(day("56.19")), stored("112.40", null, null), T).hold()).hasSize(1);
    }

    @Test
    void dropsOfLessThanADollarAreWrittenWhateverTheirShare() {
        assertThat(guard.judge(List.of(day(null)), stored("0.99", null, null), T).write()).hasSize(1);
        assertThat(guard.judge(List.of(day(null)), stored("1.00", null, null), T).hold()).hasSize(1);
    }

    @Test
    void anEmptyBucketForAStoredDayIsHeld() {
        DropGuard.Verdict verdict = guard.judge(List.of(day(null)), stored("112.40", null, null), T);
        assertThat(verdict.write()).isEmpty();
        assertThat(verdict.hold()).singleElement().satisfies(h -> {
            assertThat(h.storedUsd()).isEqualByComparingTo("112.40");
            assertThat(h.reported().totalUsd()).isEqualByComparingTo("0");
            assertThat(h.since()).isEqualTo(T);
        });
    }

    @Test
    void theSameLowerFigureBeforeTheDelayStaysHeldFromItsFirstRead() {
        Instant later = T.plus(Duration.ofHours(5).plusMinutes(59));
        DropGuard.Verdict verdict = guard.judge(List.of(day("0.00")), stored("112.40", "0.00", T), later);
        assertThat(verdict.hold()).singleElement().satisfies(h -> assertThat(h.since()).isEqualTo(T));
        assertThat(verdict.confirmed()).isEmpty();
    }

    @Test
    void theSameLowerFigureSixHoursOnIsConfirmed() {
        DropGuard.Verdict verdict = guard.judge(List.of(day("0.004")), stored("112.40", "0.00", T),
                T.plus(Duration.ofHours(6)));
        assertThat(verdict.write()).hasSize(1);
        assertThat(verdict.confirmed()).hasSize(1);
        assertThat(verdict.hold()).isEmpty();
    }

    @Test
    void anotherLowerFigureStartsAFreshHold() {
        Instant later = T.plus(Duration.ofHours(7));
        DropGuard.Verdict verdict = guard.judge(List.of(day("20.00")), stored("112.40", "0.00", T), later);
        assertThat(verdict.hold()).singleElement().satisfies(h -> {
            assertThat(h.reported().totalUsd()).isEqualByComparingTo("20.00");
            assertThat(h.since()).isEqualTo(later);
        });
    }

    @Test
    void aReadBackNearTheStoredFigureEndsTheHold() {
        DropGuard.Verdict verdict = guard.judge(List.of(day("110.00")), stored("112.40", "0.00", T),
                T.plus(Duration.ofHours(1)));
        assertThat(verdict.write()).extracting(DailyCost::totalUsd).containsExactly(new BigDecimal("110.00"));
        assertThat(verdict.confirmed()).isEmpty();
    }

    @Test
    void aRefundBelowZeroIsASharpDrop() {
        assertThat(guard.judge(List.of(day("-20.00")), stored("10.00", null, null), T).hold()).hasSize(1);
    }

    @Test
    void badSettingsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> new DropGuard(0, Duration.ZERO)).hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new DropGuard(1.5, Duration.ZERO)).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> new DropGuard(0.5, Duration.ofHours(-1))).hasMessageContaining("PT-1H");
    }
}
