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

    /** The day's total in US dollars; lines in other currencies are not in it. */
    public BigDecimal totalUsd() {
        return lines.stream().map(CostLine::amountUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What the day billed in currencies other than the dollar, by currency. */
    public java.util.Map<String, BigDecimal> otherCurrencies() {
        java.util.Map<String, BigDecimal> other = new java.util.TreeMap<>();
        lines.stream().filter(l -> !l.isUsd()).forEach(l -> other.merge(l.currency(), l.amount(), BigDecimal::add));
        return other;
    }
}
