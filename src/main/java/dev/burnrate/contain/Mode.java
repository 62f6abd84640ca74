package dev.burnrate.contain;

import java.util.Locale;

/** What a policy lets burnrate do about its scope. */
public enum Mode {
    /** Nothing: the default. */
    OFF,
    /** Propose the action; a person approves it. */
    SUGGEST,
    /** Act at once when a runaway or a budget is past the configured thresholds; propose otherwise. */
    AUTO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code off}, {@code suggest} or {@code auto}; empty for anything else. */
    static java.util.Optional<Mode> parse(String text) {
        for (Mode mode : values()) {
            if (mode.wireName().equals(text)) {
                return java.util.Optional.of(mode);
            }
        }
        return java.util.Optional.empty();
    }
}
