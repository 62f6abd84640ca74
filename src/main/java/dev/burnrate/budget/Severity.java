package dev.burnrate.budget;

/** How urgent an alert is; sent as the SNS message attribute {@code severity}. */
public enum Severity {
    WARNING, CRITICAL;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
