package dev.burnrate.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A monthly USD budget for the UTC calendar month.
 *
 * @param id         stable id used in alert state keys, e.g. {@code total}
 * @param name       what people read, e.g. {@code All vendors}
 * @param monthlyUsd the budget; must be above zero
 */
public record Budget(String id, String name, BigDecimal monthlyUsd) {

    public Budget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (monthlyUsd == null || monthlyUsd.signum() <= 0) {
            throw new IllegalArgumentException("budget '" + id + "' must be a positive USD amount, got " + monthlyUsd);
        }
    }
}
