package dev.burnrate.alert;

import java.util.Locale;

/** How urgent an alert is; sent as the SNS message attribute {@code severity}. */
public enum Severity {
    /** Worth knowing: spend passed a share of the budget below 100%. */
    INFO,
    /** Act soon: the forecast crosses a threshold. */
    WARNING,
    /** Act now: spend is over the budget, or running away. */
    CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
