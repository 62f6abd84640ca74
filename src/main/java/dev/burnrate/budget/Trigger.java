package dev.burnrate.budget;

/** What an alert watches. */
public enum Trigger {
    /** Month-to-date spend. */
    ACTUAL,
    /** The month-end forecast (P50 or P90, as configured). */
    FORECAST,
    /** Hourly spend far above its own baseline. */
    RUNAWAY
}
