package dev.burnrate.contain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Something that may call for containment: a runaway that opened or got worse, or a vendor or project budget whose
 * actual spend passed a level.
 *
 * @param key          what it is, for the action's id: the same runaway or budget level proposes once
 * @param usdPerHour   the runaway's hourly spend; null for a budget
 * @param budgetPercent the budget's actual spend in percent of it; null for a runaway
 * @param candidates   what could be switched off, most spend first: the vendor's projects or workspaces (or keys)
 *                     by today's spend; empty when none is known (then nothing is proposed, and the report says
 *                     why). Ignored for Bedrock, whose candidates are the roles its policies name.
 */
public record Trigger(String vendor, String key, String reason, BigDecimal usdPerHour, BigDecimal budgetPercent,
        List<String> candidates) {

    public Trigger {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
