package dev.burnrate.alert;

import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import dev.burnrate.budget.Budget;

/**
 * Where the alert state lives: the Lambda keeps it in DynamoDB (every transition a conditional write, so duplicate
 * and overlapping invocations agree), the backtest in memory ({@link #inMemory()}). Both are driven by
 * {@link AlertEngine}, so they decide alike.
 * <p>
 * A claimed alert is {@link Status#SENT} (its message was queued for every channel), {@link Status#SUPPRESSED}
 * (claimed with a more urgent alert of the same budget, never sent) or {@link Status#RECOVERED} (it stopped
 * holding; it may fire again). Delivery is not part of this state: the Lambda's outbox delivers each queued
 * message to every channel and retries the channels that failed (see {@code notify.Dispatcher}).
 */
public interface AlertState {

    enum Status {
        SENT, SUPPRESSED, RECOVERED;

        /** An active alert is not sent again; a recovered one may be. */
        public boolean active() {
            return this != RECOVERED;
        }
    }

    /**
     * What the state holds at the start of a check.
     *
     * @param alerts   the claimed alerts of the months read, and their status
     * @param runaways each vendor's latest runaway episode (open or ended)
     */
    record Snapshot(Map<AlertKey, Status> alerts, Map<String, RunawayEpisode> runaways) {

        public Snapshot {
            alerts = Map.copyOf(alerts);
            runaways = Map.copyOf(runaways);
        }

        public static Snapshot empty() {
            return new Snapshot(Map.of(), Map.of());
        }
    }

    /** The alerts of {@code months} and the runaway episodes of {@code vendors}. */
    Snapshot read(Set<YearMonth> months, Collection<String> vendors);

    /**
     * Claims an absent or recovered alert: {@link Status#SENT} with its message queued when {@code send}, else
     * {@link Status#SUPPRESSED}. False when another check claimed it first (nothing is written then).
     */
    boolean claim(AlertKey key, AlertDecision decision, boolean send);

    /**
     * Marks a sent or suppressed alert recovered, queuing one "back to normal" message when {@code announce}.
     * False when another check did it first.
     */
    boolean recover(AlertKey key, Budget budget, boolean announce);

    /**
     * Writes a runaway episode's new state over the version it was read at and queues its notices, at once.
     * False when another check moved the episode first (nothing is written then).
     */
    boolean advance(RunawayTracker.Step step, List<AlertDecision> notices);

    /** A state in memory, for replays: what is queued counts as delivered. */
    static AlertState inMemory() {
        return new InMemory();
    }

    /** The in-memory state of {@link #inMemory()}. */
    final class InMemory implements AlertState {
        private final Map<AlertKey, Status> alerts = new HashMap<>();
        private final Map<String, RunawayEpisode> runaways = new TreeMap<>();

        @Override
        public Snapshot read(Set<YearMonth> months, Collection<String> vendors) {
            Map<AlertKey, Status> read = new HashMap<>();
            alerts.forEach((key, status) -> {
                if (months.contains(key.month())) {
                    read.put(key, status);
                }
            });
            Map<String, RunawayEpisode> episodes = new HashMap<>();
            vendors.forEach(v -> {
                if (runaways.containsKey(v)) {
                    episodes.put(v, runaways.get(v));
                }
            });
            return new Snapshot(read, episodes);
        }

        @Override
        public boolean claim(AlertKey key, AlertDecision decision, boolean send) {
            Status now = alerts.get(key);
            if (now != null && now.active()) {
                return false;
            }
            alerts.put(key, send ? Status.SENT : Status.SUPPRESSED);
            return true;
        }

        @Override
        public boolean recover(AlertKey key, Budget budget, boolean announce) {
            Status now = alerts.get(key);
            if (now == null || !now.active()) {
                return false;
            }
            alerts.put(key, Status.RECOVERED);
            return true;
        }

        @Override
        public boolean advance(RunawayTracker.Step step, List<AlertDecision> notices) {
            RunawayEpisode stored = runaways.get(step.after().vendor());
            long version = stored == null ? 0 : stored.version();
            long expected = step.before() == null ? 0 : step.before().version();
            if (version != expected) {
                return false;
            }
            runaways.put(step.after().vendor(), Objects.requireNonNull(step.after()));
            return true;
        }
    }
}
