package dev.burnrate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;

/** A day's revisions: appended when a read changes the figures, the newest kept, replayed as known then. */
class RevisionsTest {

    private static final Instant T = Instant.parse("2026-11-15T11:00:00Z");

    private static DailyCost day(String chat, String support) {
        return new DailyCost("openai", LocalDate.of(2026, 11, 15), List.of(
                new CostLine("proj_chat", "in", new BigDecimal(chat), null, null),
                new CostLine("proj_support", "in", new BigDecimal(support), null, null)));
    }

    @Test
    void aReadThatChangesNothingAddsNoRevision() {
        List<DailySnapshot.Revision> first = DailySnapshot.revise(List.of(), day("10.00", "5"), T);
        List<DailySnapshot.Revision> same = DailySnapshot.revise(first, day("10.0", "5.00"), T.plusSeconds(3600));
        assertThat(same).hasSize(1);
        // the same total, split differently between projects, is a change
        assertThat(DailySnapshot.revise(first, day("11.00", "4.00"), T.plusSeconds(7200))).hasSize(2);
    }

    @Test
    void theNewestSixtyAreKept() {
        List<DailySnapshot.Revision> revisions = List.of();
        for (int hour = 0; hour < 70; hour++) {
            revisions = DailySnapshot.revise(revisions, day(Integer.toString(hour), "0"),
                    T.plus(Duration.ofHours(hour)));
        }
        assertThat(revisions).hasSize(DailySnapshot.MAX_REVISIONS);
        assertThat(revisions.get(0).totalUsd()).isEqualByComparingTo("10");
        assertThat(revisions.get(59).totalUsd()).isEqualByComparingTo("69");
    }

    @Test
    void aReplaySeesTheLastRevisionReadByItsInstantAndNothingBeforeTheFirst() {
        List<DailySnapshot.Revision> revisions = DailySnapshot.revise(List.of(), day("10.00", "5.00"), T);
        revisions = DailySnapshot.revise(revisions, day("70.00", "49.00"), T.plus(Duration.ofDays(5)));
        DailySnapshot stored = new DailySnapshot(day("70.00", "49.00"), T.plus(Duration.ofDays(5)), false, null,
                null, revisions);

        DailySnapshot then = stored.asOf(T.plus(Duration.ofHours(1))).orElseThrow();
        assertThat(then.cost().totalUsd()).isEqualByComparingTo("15.00");
        assertThat(then.fetchedAt()).isEqualTo(T);
        assertThat(then.cost().lines()).extracting(CostLine::project).containsExactly("proj_chat", "proj_support");
        assertThat(stored.asOf(T.plus(Duration.ofDays(6))).orElseThrow().cost().totalUsd())
                .isEqualByComparingTo("119.00");
        assertThat(stored.asOf(T.minusSeconds(1))).isEmpty();
        // a day stored before revisions were kept is replayed as it is
        assertThat(new DailySnapshot(day("1", "2"), T, false).asOf(T.minusSeconds(1))).isPresent();
    }
}
