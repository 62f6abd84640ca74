package dev.burnrate.provider;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Dollars for one unit of each other currency, as configured ({@code burnrate.currency.usd-rates}, e.g.
 * {@code EUR=1.08, JPY=0.0066}). They convert lines the vendor gave no dollar figure for; the vendor's own figure
 * always wins. Applied when figures are read, so a rate set today counts every stored day of the month.
 */
public final class UsdRates {

    public static final UsdRates NONE = new UsdRates(Map.of());

    private final Map<String, BigDecimal> rates;

    private UsdRates(Map<String, BigDecimal> rates) {
        this.rates = Collections.unmodifiableMap(new TreeMap<>(rates));
    }

    /**
     * Parses {@code CUR=rate} pairs separated by commas or semicolons.
     *
     * @throws IllegalArgumentException naming the pair that is not a three-letter code and a positive number
     */
    public static UsdRates parse(Optional<String> spec) {
        if (spec.isEmpty() || spec.get().isBlank()) {
            return NONE;
        }
        Map<String, BigDecimal> rates = new TreeMap<>();
        for (String pair : spec.get().split("[,;]")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.split("=", -1);
            String code = parts[0].trim().toUpperCase(Locale.ROOT);
            if (parts.length != 2 || !code.matches("[A-Z]{3}") || code.equals(CostLine.USD)) {
                throw new IllegalArgumentException("'" + pair.trim() + "' is not CUR=rate with a three-letter "
                        + "currency other than USD, e.g. EUR=1.08");
            }
            BigDecimal rate;
            try {
                rate = new BigDecimal(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the rate of " + code + " '" + parts[1].trim()
                        + "' is not a number (dollars for one " + code + ")");
            }
            if (rate.signum() <= 0) {
                throw new IllegalArgumentException("the rate of " + code + " must be more than 0, got " + rate);
            }
            if (rates.put(code, rate) != null) {
                throw new IllegalArgumentException(code + " is given twice");
            }
        }
        return new UsdRates(rates);
    }

    public Optional<BigDecimal> rate(String currency) {
        return Optional.ofNullable(rates.get(currency));
    }

    /** The line in dollars at the configured rate where it needs one; otherwise as it is. */
    public CostLine apply(CostLine line) {
        if (line.usd() != CostLine.Usd.NOT_COUNTED && line.usd() != CostLine.Usd.CONFIGURED_RATE) {
            return line;
        }
        return rate(line.currency()).map(line::atRate).orElseGet(line::withoutRate);
    }

    /** The day with {@link #apply} on every line. */
    public DailyCost apply(DailyCost day) {
        List<CostLine> lines = day.lines().stream().map(this::apply).toList();
        return new DailyCost(day.vendor(), day.day(), lines);
    }

    @Override
    public String toString() {
        return rates.toString();
    }
}
