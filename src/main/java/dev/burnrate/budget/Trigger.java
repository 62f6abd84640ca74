package dev.burnrate.budget;

/** What an alert watches. */
public enum Trigger {
    /** Month-to-date spend. */
    ACTUAL,
    /** The month-end forecast (P50 or P90, as configured). */
    FORECAST,
    /** Hourly spend far above its own baseline. */
    RUNAWAY,
    /** A vendor's figures have not been refreshed for too long. */
    STALE_DATA,
    /** A vendor's usage (its hourly points) has not been read for too long: runaways there go unseen. */
    USAGE_UNREAD;

    /** Episodic alerts fire once per episode (a runaway, a stale spell), besides the one budget alert. */
    public boolean episodic() {
        return this == RUNAWAY || this == STALE_DATA || this == USAGE_UNREAD;
    }
}
