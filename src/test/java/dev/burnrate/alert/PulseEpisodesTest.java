package dev.burnrate.alert;

import static dev.burnrate.alert.EngineRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The pulse's transitions, pulse by pulse ({@link AlertEngine#planPulse}): a minute-grain finding opens the same
 * runaway episode the hourly check keeps, in the current hour, once; the hours that follow move it on as before; an
 * unread fast source is one {@code pulse_unread} after half an hour and one {@code recovered}, which the hourly check
 * never sends. Lines are worked out by hand from {@link EngineRun}'s week.
 */
class PulseEpisodesTest {

    private static final Instant HISTORY = at("2026-10-01T00:00:00Z");
    private static final Instant MONTH_END = at("2026-12-03T00:00:00Z");
    private static final RunawayEpisode.Opening FAST = new RunawayEpisode.Opening(at("2026-11-10T09:25:00Z"), 5,
            new BigDecimal("200"), new BigDecimal("10"), List.of("Most of it is model gpt-4.1"));

    private static EngineRun run() {
        return new EngineRun(AlertEngine.Settings.defaults()).normal("openai", HISTORY, MONTH_END, "1");
    }

    @Test
    void aMinuteFindingOpensTheEpisodeInItsHourWithThePulsesRateAndOnlyOnce() {
        EngineRun run = run();
        run.pulse(at("2026-11-10T09:30:00Z"), "openai", null, null);
        run.pulse(at("2026-11-10T09:35:00Z"), "openai", null, FAST);
        run.pulse(at("2026-11-10T09:40:00Z"), "openai", null, FAST);
        run.pulse(at("2026-11-10T09:45:00Z"), "openai", null, null);

        assertThat(run.sent).containsExactly("11-10T09:35 runaway:openai");
        AlertDecision opened = run.decisions.get(0);
        assertThat(opened.valueUsd()).isEqualByComparingTo("200");
        assertThat(opened.thresholdUsd()).isEqualByComparingTo("10");
        assertThat(opened.episode().since()).isEqualTo(at("2026-11-10T09:00:00Z"));
        assertThat(opened.runaway().opening()).isEqualTo(FAST);
        assertThat(opened.runaway().lastRaisedHour()).isEqualTo(at("2026-11-10T09:00:00Z"));
    }

    @Test
    void theHoursAfterAPulseOpeningMoveTheEpisodeOnAndEndItAfterTheQuietSpell() {
        // 09:00-11:59 at 20 times the usual; normal from 12:00: the last raised hour is 11:00, three quiet hours
        // (12, 13, 14) are judged by the pulse at 15:05
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 3, "20");
        run.pulse(at("2026-11-10T09:35:00Z"), "openai", null, FAST);
        for (Instant asOf = at("2026-11-10T10:05:00Z"); asOf.isBefore(at("2026-11-10T17:00:00Z"));
                asOf = asOf.plus(Duration.ofHours(1))) {
            run.pulse(asOf, "openai", null, null);
        }
        assertThat(run.sent).containsExactly("11-10T09:35 runaway:openai", "11-10T15:05 runaway_over:openai");
        assertThat(run.decisions.get(1).runaway().raisedHours()).isEqualTo(3);
    }

    @Test
    void whenTheHourlyDetectorFiresTooItsFindingOpensTheEpisodeNotThePulses() {
        // 09:00 at 20 times: the pulse at 10:05 judges it as a complete hour
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 1, "20");
        run.pulse(at("2026-11-10T10:05:00Z"), "openai", null, FAST);
        assertThat(run.sent).containsExactly("11-10T10:05 runaway:openai");
        assertThat(run.decisions.get(0).runaway().opening()).isNull();
        assertThat(run.decisions.get(0).episode().since()).isEqualTo(at("2026-11-10T09:00:00Z"));
    }

    @Test
    void aVendorWhoseSourceWasNotReadMovesNoEpisode() {
        EngineRun run = run();
        run.pulse(at("2026-11-10T09:35:00Z"), "openai", at("2026-11-10T09:35:00Z"), FAST);
        assertThat(run.sent).isEmpty();
        assertThat(run.state.read(AlertEngine.monthsRead(java.time.YearMonth.of(2026, 11)), Set.of("openai"))
                .runaways()).isEmpty();
    }

    @Test
    void anUnreadFastSourceIsReportedOnceAfterHalfAnHourAndRecoversOnceOnlyThroughThePulse() {
        EngineRun run = run();
        Instant since = at("2026-11-10T10:00:00Z");
        run.pulse(since, "openai", since, null);
        run.pulse(at("2026-11-10T10:30:00Z"), "openai", since, null); // exactly 30 min: not yet
        run.pulse(at("2026-11-10T10:35:00Z"), "openai", since, null);
        run.pulse(at("2026-11-10T10:40:00Z"), "openai", since, null);
        // the hourly check does not recover the pulse's spell, whatever it reads
        run.check(at("2026-11-10T11:00:00Z"), v -> false, Map.of());
        run.pulse(at("2026-11-10T11:05:00Z"), "openai", null, null);
        run.pulse(at("2026-11-10T11:10:00Z"), "openai", null, null);

        assertThat(run.sent).containsExactly("11-10T10:35 pulse_unread:openai",
                "11-10T11:05 recovered:pulse_unread:openai");
        AlertDecision unread = run.decisions.get(0);
        assertThat(unread.episode()).isEqualTo(new VendorEpisode("openai", since));
        assertThat(unread.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void thePulseKindIsAVendorSpellThatRecoversAndOnlyThePulseDecidesIt() {
        assertThat(AlertKind.PULSE_UNREAD.wireName(0)).isEqualTo("pulse_unread");
        assertThat(AlertKind.PULSE_UNREAD.pulse()).isTrue();
        assertThat(AlertKind.PULSE_UNREAD.recoverable()).isTrue();
        assertThat(AlertKind.PULSE_UNREAD.vendorEpisode()).isTrue();
        assertThat(AlertKind.PULSE_UNREAD.budgetAlert()).isFalse();
        assertThat(AlertKind.USAGE_UNREAD.pulse()).isFalse();
        // below unread usage, above an accepted runaway
        assertThat(AlertKind.PULSE_UNREAD.urgency(0)).isLessThan(AlertKind.USAGE_UNREAD.urgency(0))
                .isGreaterThan(AlertKind.RUNAWAY_ACCEPTED.urgency(0));
    }
}
