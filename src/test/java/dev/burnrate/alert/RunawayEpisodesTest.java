package dev.burnrate.alert;

import static dev.burnrate.alert.EngineRun.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Runaway episodes through the engine, check by check, as the Lambda and the backtest run them. Every expected
 * line is worked out by hand from the hourly spend each test makes: a check at hh:00 judges the hour before it; an
 * episode is over once three hours in a row were normal; reminders come at the start hour, one day on.
 */
class RunawayEpisodesTest {

    private static final Instant HISTORY = at("2026-10-01T00:00:00Z");
    private static final Instant MONTH_END = at("2026-12-03T00:00:00Z");

    private static EngineRun run() {
        return new EngineRun(AlertEngine.Settings.defaults()).normal("openai", HISTORY, MONTH_END, "1");
    }

    @Test
    void tenDaysAtTwentyTimesSendOneAlertOneReminderADayAndOneOver() {
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 240, "20")
                .checks(at("2026-11-01T01:00:00Z"), at("2026-11-25T00:00:00Z"));

        assertThat(run.sent).containsExactly(
                "11-10T10 runaway:openai",
                "11-11T09 runaway_reminder:openai", "11-12T09 runaway_reminder:openai",
                "11-13T09 runaway_reminder:openai", "11-14T09 runaway_reminder:openai",
                "11-15T09 runaway_reminder:openai", "11-16T09 runaway_reminder:openai",
                "11-17T09 runaway_reminder:openai", "11-18T09 runaway_reminder:openai",
                "11-19T09 runaway_reminder:openai", "11-20T09 runaway_reminder:openai",
                "11-20T12 runaway_over:openai");
        AlertDecision over = run.decisions.get(run.decisions.size() - 1);
        assertThat(over.runaway().raisedHours()).isEqualTo(240);
        assertThat(over.runaway().startedAt()).isEqualTo(at("2026-11-10T09:00:00Z"));
        // 240 hours at 20 times their usual spend: about 19 times the usual cost on top
        assertThat(over.valueUsd().divide(over.thresholdUsd(), java.math.MathContext.DECIMAL64).doubleValue())
                .isBetween(19.0, 21.0);
    }

    @Test
    void onAFreshDeploymentARunawayIsNotCalledOverWhileItRuns() {
        EngineRun run = new EngineRun(AlertEngine.Settings.defaults())
                .normal("openai", at("2026-11-03T00:00:00Z"), MONTH_END, "1")
                .runaway("openai", at("2026-11-10T09:00:00Z"), 72, "20")
                .checks(at("2026-11-06T01:00:00Z"), at("2026-11-16T00:00:00Z"));

        assertThat(run.sent).containsExactly("11-10T10 runaway:openai", "11-11T09 runaway_reminder:openai",
                "11-12T09 runaway_reminder:openai", "11-13T09 runaway_reminder:openai", "11-13T12 runaway_over:openai");
    }

    @Test
    void aPauseShorterThanTheQuietSpellIsTheSameEpisode() {
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 6, "20")
                .runaway("openai", at("2026-11-10T17:00:00Z"), 6, "20")
                .checks(at("2026-11-09T00:00:00Z"), at("2026-11-12T00:00:00Z"));

        assertThat(run.sent).containsExactly("11-10T10 runaway:openai", "11-11T02 runaway_over:openai");
    }

    @Test
    void aPauseAsLongAsTheQuietSpellEndsTheEpisodeAndTheNextLoopIsANewOne() {
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 6, "20")
                .runaway("openai", at("2026-11-10T18:00:00Z"), 6, "20")
                .checks(at("2026-11-09T00:00:00Z"), at("2026-11-12T00:00:00Z"));

        assertThat(run.sent).containsExactly("11-10T10 runaway:openai", "11-10T18 runaway_over:openai",
                "11-10T19 runaway:openai", "11-11T03 runaway_over:openai");
        assertThat(run.decisions.get(2).episode().since()).isEqualTo(at("2026-11-10T18:00:00Z"));
    }

    @Test
    void anEpisodeAcrossMidnightOfTheFirstIsOneEpisodeClosedInTheNewMonth() {
        EngineRun run = run().runaway("openai", at("2026-11-30T20:00:00Z"), 10, "20")
                .checks(at("2026-11-29T00:00:00Z"), at("2026-12-02T00:00:00Z"));

        assertThat(run.sent).containsExactly("11-30T21 runaway:openai", "12-01T09 runaway_over:openai");
        assertThat(run.decisions).allSatisfy(d -> assertThat(d.episode().month()).hasToString("2026-11"));
    }

    @Test
    void twoVendorsRunningAwayAtOnceAreTwoEpisodes() {
        EngineRun run = run().normal("anthropic", HISTORY, MONTH_END, "0.5")
                .runaway("openai", at("2026-11-10T09:00:00Z"), 6, "20")
                .runaway("anthropic", at("2026-11-10T11:00:00Z"), 6, "20")
                .checks(at("2026-11-09T00:00:00Z"), at("2026-11-12T00:00:00Z"));

        assertThat(run.sent).containsExactly("11-10T10 runaway:openai", "11-10T12 runaway:anthropic",
                "11-10T18 runaway_over:openai", "11-10T20 runaway_over:anthropic");
    }

    @Test
    void aRunawayThatDoublesEscalatesOnceAndNotEveryHour() {
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 4, "5")
                .runaway("openai", at("2026-11-10T13:00:00Z"), 4, "20")
                .checks(at("2026-11-09T00:00:00Z"), at("2026-11-12T00:00:00Z"));

        assertThat(run.sent).containsExactly("11-10T10 runaway:openai", "11-10T14 runaway_escalation:openai",
                "11-10T20 runaway_over:openai");
    }

    @Test
    void withAcceptAfterALongRunawaySaysOnceThatItsRateIsTheNewNormal() {
        AlertEngine.Settings settings = new AlertEngine.Settings(Duration.ofHours(12), Optional.empty(),
                new RunawayTracker.Settings(3, Duration.ofDays(1), Optional.of(Duration.ofDays(2)), 48));
        EngineRun run = new EngineRun(settings).normal("openai", HISTORY, MONTH_END, "1")
                .runaway("openai", at("2026-11-10T09:00:00Z"), 240, "20")
                .checks(at("2026-11-09T00:00:00Z"), at("2026-11-25T00:00:00Z"));

        assertThat(run.sent).containsExactly("11-10T10 runaway:openai", "11-11T09 runaway_reminder:openai",
                "11-12T09 runaway_accepted:openai");
    }

    @Test
    void missedChecksAreCaughtUpWithoutASecondAlertOrAFalseEnd() {
        Set<Instant> missed = new HashSet<>();
        for (Instant h = at("2026-11-12T00:00:00Z"); h.isBefore(at("2026-11-13T00:00:00Z")); h = h.plus(EngineRun.HOUR)) {
            missed.add(h);
        }
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 240, "20")
                .checks(at("2026-11-09T00:00:00Z"), at("2026-11-25T00:00:00Z"), missed);

        assertThat(run.count("runaway")).isEqualTo(1);
        assertThat(run.sent).contains("11-13T00 runaway_reminder:openai", "11-13T09 runaway_reminder:openai")
                .doesNotContain("11-12T09 runaway_reminder:openai");
        assertThat(run.count("runaway_reminder")).isEqualTo(10);
        assertThat(run.sent).last().isEqualTo("11-20T12 runaway_over:openai");
    }

    @Test
    void hoursThatWereNotReadNeitherEndNorMoveTheEpisode() {
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 6, "20");
        run.checks(at("2026-11-10T01:00:00Z"), at("2026-11-10T15:00:00Z"));
        for (Instant asOf = at("2026-11-10T16:00:00Z"); asOf.isBefore(at("2026-11-11T02:00:00Z"));
                asOf = asOf.plus(EngineRun.HOUR)) {
            run.check(asOf, vendor -> true, Map.of());
        }
        assertThat(run.sent).containsExactly("11-10T10 runaway:openai");

        run.check(at("2026-11-11T02:00:00Z"), vendor -> false, Map.of());

        assertThat(run.sent).containsExactly("11-10T10 runaway:openai", "11-11T02 runaway_over:openai");
    }

    @Test
    void twoChecksPlannedFromTheSameStateSendOnce() {
        EngineRun run = run().runaway("openai", at("2026-11-10T09:00:00Z"), 6, "20");
        run.checks(at("2026-11-10T01:00:00Z"), at("2026-11-10T09:00:00Z"));
        Instant asOf = at("2026-11-10T10:00:00Z");
        var month = java.time.YearMonth.of(2026, 11);
        var situation = new AlertEngine.Situation(asOf, month, run.engine.evaluate(b -> new java.util.TreeMap<>(),
                asOf, month), List.of(new AlertEngine.VendorView("openai", false, null, null, null,
                        run.hourly.get("openai").headMap(asOf, false))));
        var snapshot = run.state.read(AlertEngine.monthsRead(month), List.of("openai"));
        AlertEngine.Plan first = run.engine.plan(situation, snapshot);
        AlertEngine.Plan second = run.engine.plan(situation, snapshot);

        assertThat(run.engine.apply(first, run.state).sent()).extracting(AlertDecision::wireName)
                .containsExactly("runaway");
        assertThat(run.engine.apply(second, run.state).sent()).isEmpty();
    }

    @Test
    void aQuietMonthSendsNothing() {
        EngineRun run = run().checks(at("2026-11-01T01:00:00Z"), at("2026-12-01T00:00:00Z"));

        assertThat(run.sent).isEmpty();
    }
}
