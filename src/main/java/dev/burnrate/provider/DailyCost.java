package dev.burnrate.provider;

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

    /** The day's total in US dollars; lines in other currencies count only where they have a rate. */
    public BigDecimal totalUsd() {
        return lines.stream().map(CostLine::amountUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What the day billed in currencies other than the dollar, by currency (counted or not). */
    public java.util.Map<String, BigDecimal> otherCurrencies() {
        java.util.Map<String, BigDecimal> other = new java.util.TreeMap<>();
        lines.stream().filter(l -> !l.isUsd()).forEach(l -> other.merge(l.currency(), l.amount(), BigDecimal::add));
        return other;
    }

    /** What the day billed in other currencies without any rate (so not counted), by currency. */
    public java.util.Map<String, BigDecimal> notCounted() {
        java.util.Map<String, BigDecimal> other = new java.util.TreeMap<>();
        lines.stream().filter(l -> l.usd() == CostLine.Usd.NOT_COUNTED)
                .forEach(l -> other.merge(l.currency(), l.amount(), BigDecimal::add));
        return other;
    }
}
