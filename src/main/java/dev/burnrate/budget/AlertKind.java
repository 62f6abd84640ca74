package dev.burnrate.budget;

/** What an alert is about; the wire name is used in messages, SNS attributes and DynamoDB keys. */
public enum AlertKind {
    /** The P50 month-end forecast is above the budget. */
    FORECAST_EXCEEDS_BUDGET("forecast_exceeds_budget", Severity.WARNING),
    /** Month-to-date spend is above the budget. */
    ACTUAL_EXCEEDS_BUDGET("actual_exceeds_budget", Severity.CRITICAL);

    private final String wireName;
    private final Severity severity;

    AlertKind(String wireName, Severity severity) {
        this.wireName = wireName;
        this.severity = severity;
    }

    public String wireName() {
        return wireName;
    }

    public Severity severity() {
        return severity;
    }
}
