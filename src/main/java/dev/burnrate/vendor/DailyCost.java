package dev.burnrate.vendor;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What one vendor billed on one UTC day, line by line. A day with no lines cost nothing.
 */
public record DailyCost(String vendor, LocalDate day, List<CostLine> lines) {

    public DailyCost {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(day, "day");
        lines = List.copyOf(lines);
    }

    public BigDecimal totalUsd() {
        return lines.stream().map(CostLine::amountUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
