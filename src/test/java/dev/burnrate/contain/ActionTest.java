package dev.burnrate.contain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** Every transition of an action's life (the package docs' table), and every one that cannot happen. */
class ActionTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-11-21T10:00:00Z");
    private static final Target PROJECT = new Target("openai", "proj_chat");

    private static Action proposed() {
        return Action.propose(PROJECT, Mode.SUGGEST, "budget:openai:2026-11", "OpenAI budget at 134%",
                new BigDecimal("400.00"), T0, EXPIRES);
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static Action contained() {
        return proposed().approve("ana", at(1)).acting("{\"limit\":50000}", "hard spend limit $500.00", at(1))
                .contained("hard spend limit set to $400.00", at(2));
    }

    @Test
    void theIdIsTheSameForTheSameTargetAndTriggerAndDiffersOtherwise() {
        String id = Action.idOf(PROJECT, "budget:openai:2026-11");

        assertThat(id).matches("c[a-z2-7]{12}").isEqualTo(proposed().id());
        assertThat(Action.idOf(PROJECT, "budget:openai:2026-12")).isNotEqualTo(id);
        assertThat(Action.idOf(new Target("openai", "proj_batch"), "budget:openai:2026-11")).isNotEqualTo(id);
    }

    @Test
    void proposedApprovedActingContainedUndoingUndoneKeepsTheFirstPriorStateAndEveryEvent() {
        Action undone = contained().undoing("bo", at(30)).undone("hard spend limit back at $500.00", at(31));

        assertThat(undone.status()).isEqualTo(ActionStatus.UNDONE);
        assertThat(undone.version()).isEqualTo(5);
        assertThat(undone.prior()).isEqualTo("{\"limit\":50000}");
        assertThat(undone.priorSummary()).isEqualTo("hard spend limit $500.00");
        assertThat(undone.answer()).isEqualTo("hard spend limit back at $500.00");
        assertThat(undone.history()).extracting(e -> e.at() + " " + e.status().wireName() + " " + e.by() + ": "
                + e.detail()).containsExactly(
                        "2026-11-20T10:00:00Z proposed burnrate: OpenAI budget at 134%",
                        "2026-11-20T10:01:00Z approved ana: null",
                        "2026-11-20T10:01:00Z acting burnrate: before: hard spend limit $500.00",
                        "2026-11-20T10:02:00Z contained burnrate: hard spend limit set to $400.00",
                        "2026-11-20T10:30:00Z undoing bo: restore: hard spend limit $500.00",
                        "2026-11-20T10:31:00Z undone burnrate: hard spend limit back at $500.00");
        assertThat(undone.first(ActionStatus.CONTAINED)).hasValueSatisfying(e -> assertThat(e.at()).isEqualTo(at(2)));
        assertThat(undone.holdsTarget()).isFalse();
    }

    @Test
    void aResumedActingKeepsThePriorStateReadBeforeTheFirstAttempt() {
        Action acting = proposed().approve("ana", at(1)).acting("{\"limit\":50000}", "hard spend limit $500.00", at(1));

        Action resumed = acting.acting("{\"limit\":40000}", "hard spend limit $400.00", at(10));

        assertThat(resumed.prior()).isEqualTo("{\"limit\":50000}");
        assertThat(resumed.priorSummary()).isEqualTo("hard spend limit $500.00");
        assertThat(resumed.contained("set", at(11)).status()).isEqualTo(ActionStatus.CONTAINED);
    }

    @Test
    void aFailureBeforeTheStateWasReadHasNothingToUndoAndReleasesItsTarget() {
        Action failed = proposed().approve("ana", at(1)).failed("could not read the state before acting", at(1));

        assertThat(failed.holdsTarget()).isFalse();
        assertThat(failed.status().open()).isTrue();
        assertThatThrownBy(() -> failed.undoing("bo", at(2))).isInstanceOf(Action.Refused.class).hasMessage(
                "action " + failed.id() + " (OpenAI project proj_chat) failed before anything was changed: there is "
                        + "nothing to undo");
        Action again = failed.approve("bo", at(5));
        assertThat(again.status()).isEqualTo(ActionStatus.APPROVED);
        assertThat(again.holdsTarget()).isTrue();
    }

    @Test
    void aFailureWhileActingHoldsItsTargetAndCanBeUndoneOrApprovedAgain() {
        Action failed = proposed().approve("ana", at(1)).acting("{}", "2 active API keys", at(1))
                .failed("set inactive: k1; not changed: k2", at(2));

        assertThat(failed.holdsTarget()).isTrue();
        assertThat(failed.undoing("bo", at(3)).status()).isEqualTo(ActionStatus.UNDOING);
        assertThat(failed.approve("bo", at(3)).status()).isEqualTo(ActionStatus.APPROVED);
    }

    @Test
    void anUndoThatFailedMayBeAskedAgainAndAnUndoingOneResumed() {
        Action undoFailed = contained().undoing("bo", at(30)).undoFailed("HTTP 500", at(30));

        assertThat(undoFailed.holdsTarget()).isTrue();
        Action again = undoFailed.undoing("bo", at(40));
        assertThat(again.undoing("burnrate", at(50)).undone("back", at(50)).status()).isEqualTo(ActionStatus.UNDONE);
    }

    @Test
    void aProposalExpiresOnlyAfterItsLink() {
        assertThatThrownBy(() -> proposed().expire(EXPIRES)).isInstanceOf(Action.Refused.class)
                .hasMessage("action " + proposed().id() + " is proposed, not an expired proposal");

        Action expired = proposed().expire(EXPIRES.plusSeconds(1));

        assertThat(expired.status()).isEqualTo(ActionStatus.EXPIRED);
        assertThat(expired.holdsTarget()).isFalse();
        assertThat(expired.last().detail()).isEqualTo("not approved by 2026-11-21T10:00:00Z");
    }

    @Test
    void anExpiredProposalCannotBeApproved() {
        assertThatThrownBy(() -> proposed().approve("ana", EXPIRES.plusSeconds(1))).isInstanceOf(Action.Refused.class)
                .hasMessage("action " + proposed().id() + " (OpenAI project proj_chat) was proposed at "
                        + "2026-11-20T10:00:00Z and expired unapproved at 2026-11-21T10:00:00Z; a new runaway or budget "
                        + "crossing proposes again");
    }

    /** Each transition from each state it may not leave that way, with the message a person reads. */
    @Test
    void everyOtherTransitionIsRefusedSayingWhereTheActionStands() {
        Action approved = proposed().approve("ana", at(1));
        Action undone = contained().undoing("bo", at(30)).undone("back", at(31));
        record Refusal(Action from, UnaryOperator<Action> step, String what) {
        }
        for (Refusal r : new Refusal[] {
            new Refusal(approved, a -> a.approve("bo", at(2)), "approved: it is approved since 2026-11-20T10:01:00Z "
                    + "(ana)"),
            new Refusal(contained(), a -> a.approve("bo", at(3)), "approved: it is contained since "
                    + "2026-11-20T10:02:00Z (burnrate)"),
            new Refusal(proposed(), a -> a.acting("{}", "x", at(1)), "acted on: it is proposed since "
                    + "2026-11-20T10:00:00Z (burnrate)"),
            new Refusal(approved, a -> a.contained("x", at(2)), "marked contained: it is approved since "
                    + "2026-11-20T10:01:00Z (ana)"),
            new Refusal(proposed(), a -> a.failed("x", at(1)), "marked failed: it is proposed since "
                    + "2026-11-20T10:00:00Z (burnrate)"),
            new Refusal(proposed(), a -> a.undoing("bo", at(1)), "undone: it is proposed since "
                    + "2026-11-20T10:00:00Z (burnrate)"),
            new Refusal(undone, a -> a.undoing("bo", at(40)), "undone: it is undone since 2026-11-20T10:31:00Z "
                    + "(burnrate)"),
            new Refusal(contained(), a -> a.undone("x", at(3)), "marked undone: it is contained since "
                    + "2026-11-20T10:02:00Z (burnrate)"),
            new Refusal(contained(), a -> a.undoFailed("x", at(3)), "marked undo-failed: it is contained since "
                    + "2026-11-20T10:02:00Z (burnrate)"),
        }) {
            assertThatThrownBy(() -> r.step().apply(r.from())).isInstanceOf(Action.Refused.class)
                    .hasMessage("action " + r.from().id() + " (OpenAI project proj_chat) cannot be " + r.what());
        }
    }
}
