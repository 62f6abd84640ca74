package dev.burnrate.alert;

/**
 * Every kind of message burnrate sends. Each switch over kinds is exhaustive, so a new kind does not compile
 * until it has its wire name, severity, urgency and texts.
 */
public enum AlertKind {
    /** Month-to-date spend passed a share of the budget (level 100: the budget itself). */
    ACTUAL,
    /** The month-end forecast (P50 or P90, as configured) passed a share of the budget. */
    FORECAST,
    /** A runaway episode opened: an hour far above its own usual spend. */
    RUNAWAY,
    /** A runaway episode is still running: at most one a day, with the spend so far. */
    RUNAWAY_REMINDER,
    /** A running runaway got worse: its hourly spend doubled (level n: the n-th doubling). */
    RUNAWAY_ESCALATION,
    /** A runaway held for the configured time and its rate is taken as the new normal (one message). */
    RUNAWAY_ACCEPTED,
    /** A runaway episode is over: spend has been normal for the configured quiet spell. */
    RUNAWAY_OVER,
    /** A vendor's figures have not been refreshed for too long. */
    STALE_DATA,
    /** A vendor's usage (its hourly points) has not been read for too long: runaways there go unseen. */
    USAGE_UNREAD,
    /** A vendor's fast source (the pulse's minute-grain usage) has not been read for too long: its pulse is off. */
    PULSE_UNREAD,
    /** The once-a-day summary of the month so far (level: the day of the month). */
    DIGEST;

    /** The name people, SNS filter policies and the report see. */
    public String wireName(int level) {
        return switch (this) {
            case ACTUAL -> level == 100 ? "actual_exceeds_budget" : "actual_threshold_" + level;
            case FORECAST -> level == 100 ? "forecast_exceeds_budget" : "forecast_threshold_" + level;
            case RUNAWAY -> "runaway";
            case RUNAWAY_REMINDER -> "runaway_reminder";
            case RUNAWAY_ESCALATION -> "runaway_escalation";
            case RUNAWAY_ACCEPTED -> "runaway_accepted";
            case RUNAWAY_OVER -> "runaway_over";
            case STALE_DATA -> "stale_data";
            case USAGE_UNREAD -> "usage_unread";
            case PULSE_UNREAD -> "pulse_unread";
            case DIGEST -> "daily_digest";
        };
    }

    public Severity severity(int level) {
        return switch (this) {
            case ACTUAL -> level >= 100 ? Severity.CRITICAL : Severity.INFO;
            case FORECAST, STALE_DATA, USAGE_UNREAD, PULSE_UNREAD -> Severity.WARNING;
            case RUNAWAY, RUNAWAY_REMINDER, RUNAWAY_ESCALATION -> Severity.CRITICAL;
            case RUNAWAY_ACCEPTED -> Severity.WARNING;
            case RUNAWAY_OVER, DIGEST -> Severity.INFO;
        };
    }

    /** Higher is more urgent: spend over budget, then runaways, then forecasts, then shares of the budget. */
    int urgency(int level) {
        return switch (this) {
            case ACTUAL -> level >= 100 ? 3000 + level : level;
            case RUNAWAY, RUNAWAY_ESCALATION -> 2500;
            case RUNAWAY_REMINDER -> 2400;
            case FORECAST -> 2000 + level;
            case STALE_DATA -> 1500;
            case USAGE_UNREAD -> 1400;
            case PULSE_UNREAD -> 1350;
            case RUNAWAY_ACCEPTED -> 1300;
            case RUNAWAY_OVER -> 1200;
            case DIGEST -> 0;
        };
    }

    /** Budget alerts: at most one sent per budget and check (the most urgent), the others claimed silently. */
    public boolean budgetAlert() {
        return this == ACTUAL || this == FORECAST;
    }

    /** Kinds that belong to one vendor's episode (a runaway, a stale spell, a spell of unread usage). */
    public boolean vendorEpisode() {
        return switch (this) {
            case RUNAWAY, RUNAWAY_REMINDER, RUNAWAY_ESCALATION, RUNAWAY_ACCEPTED, RUNAWAY_OVER, STALE_DATA,
                    USAGE_UNREAD, PULSE_UNREAD -> true;
            case ACTUAL, FORECAST, DIGEST -> false;
        };
    }

    /** Kinds the pulse decides (and only the pulse recovers); the hourly check leaves them as they are. */
    public boolean pulse() {
        return this == PULSE_UNREAD;
    }

    /** Kinds with a claim that recovers (one "back to normal" message) when their condition stops holding. */
    public boolean recoverable() {
        return switch (this) {
            case ACTUAL, FORECAST, STALE_DATA, USAGE_UNREAD, PULSE_UNREAD -> true;
            case RUNAWAY, RUNAWAY_REMINDER, RUNAWAY_ESCALATION, RUNAWAY_ACCEPTED, RUNAWAY_OVER, DIGEST -> false;
        };
    }
}
