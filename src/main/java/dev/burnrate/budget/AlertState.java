package dev.burnrate.budget;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers which alerts are active. The Lambda keeps this in DynamoDB with conditional writes, so duplicate
 * and overlapping invocations agree; the backtest keeps it in memory. Both go through {@link AlertPlanner}, so
 * they decide alike.
 * <p>
 * An alert is absent or {@link Status#RECOVERED} (it may fire), or active: {@link Status#SENT} (people were
 * told), {@link Status#SUPPRESSED} (claimed with a more urgent alert of the same budget, never sent) or
 * {@link Status#SENDING} (a run is sending it now).
 */
public interface AlertState {

    enum Status {
        SENDING, SENT, SUPPRESSED, RECOVERED;

        public boolean active() {
            return this != RECOVERED;
        }
    }

    /**
     * Claims {@code key} when it is absent or recovered: as {@link Status#SENDING} when it will be sent, else as
     * {@link Status#SUPPRESSED}. True when this caller won the claim.
     */
    boolean claim(AlertKey key, BigDecimal value, boolean toSend);

    /** The alerts of {@code month} and their status. */
    Map<AlertKey, Status> alerts(YearMonth month);

    /** Marks an active alert recovered; true when this caller did it (so it tells people, once). */
    boolean recover(AlertKey key);

    /** An in-memory state for replays: a claim to send counts as sent at once. */
    static AlertState inMemory() {
        Map<AlertKey, Status> states = new HashMap<>();
        return new AlertState() {
            @Override
            public boolean claim(AlertKey key, BigDecimal value, boolean toSend) {
                Status now = states.get(key);
                if (now != null && now.active()) {
                    return false;
                }
                states.put(key, toSend ? Status.SENT : Status.SUPPRESSED);
                return true;
            }

            @Override
            public Map<AlertKey, Status> alerts(YearMonth month) {
                Map<AlertKey, Status> result = new HashMap<>();
                states.forEach((key, status) -> {
                    if (key.month().equals(month)) {
                        result.put(key, status);
                    }
                });
                return result;
            }

            @Override
            public boolean recover(AlertKey key) {
                Status now = states.get(key);
                if (now == null || !Set.of(Status.SENT, Status.SUPPRESSED).contains(now)) {
                    return false;
                }
                states.put(key, Status.RECOVERED);
                return true;
            }
        };
    }
}
