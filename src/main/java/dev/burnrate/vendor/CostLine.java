package dev.burnrate.vendor;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One billed line of one vendor's day: what was charged, for which project or workspace, in USD.
 *
 * @param project  the vendor's project or workspace id; {@code "default"} where the vendor names none
 * @param item     the vendor's own label for the charge (OpenAI line item, Anthropic description), verbatim
 * @param amountUsd billed amount in US dollars; negative for credits and refunds
 * @param quantity how much was used, where the vendor says; otherwise null
 * @param unit     unit of {@code quantity} (tokens, images, ...), or null
 */
public record CostLine(String project, String item, BigDecimal amountUsd, BigDecimal quantity, String unit) {

    public static final String DEFAULT_PROJECT = "default";

    public CostLine {
        Objects.requireNonNull(amountUsd, "amountUsd");
        project = project == null || project.isBlank() ? DEFAULT_PROJECT : project;
        item = item == null || item.isBlank() ? "unspecified" : item;
    }
}
