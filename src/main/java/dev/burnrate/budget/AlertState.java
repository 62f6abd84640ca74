package dev.burnrate.budget;

import java.math.BigDecimal;

/**
 * Remembers which alerts were claimed. The Lambda keeps this in DynamoDB with conditional writes; the
 * backtest keeps it in memory. Both go through {@link AlertPlanner}, so they decide alike.
 */
public interface AlertState {

    /** Claims {@code key}; true when it was not claimed before (this caller may send it). */
    boolean claim(AlertKey key, BigDecimal value);

    /** True when {@code key} was claimed before. */
    boolean isClaimed(AlertKey key);

    /** An in-memory state, for replays. */
    static AlertState inMemory() {
        java.util.Set<AlertKey> claimed = new java.util.HashSet<>();
        return new AlertState() {
            @Override
            public boolean claim(AlertKey key, BigDecimal value) {
                return claimed.add(key);
            }

            @Override
            public boolean isClaimed(AlertKey key) {
                return claimed.contains(key);
            }
        };
    }
}
