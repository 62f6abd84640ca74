package dev.burnrate.provider;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One billed line of one vendor's day: what was charged, for which project or workspace.
 * <p>
 * Every figure burnrate adds up is {@link #amountUsd()}. A line billed in another currency keeps its currency and
 * amount ({@link #currency()}, {@link #amount()}) and says how its dollars were found ({@link #usd()}): the
 * vendor's own US-dollar figure, a configured rate, or none — then its {@code amountUsd} is zero and every report
 * and message names the amount left out. burnrate never guesses a rate.
 *
 * @param project   the vendor's project or workspace id; {@code "default"} where the vendor names none
 * @param item      the vendor's own label for the charge (OpenAI line item, Anthropic description), verbatim
 * @param amountUsd the amount in US dollars that counts; negative for credits and refunds
 * @param quantity  how much was used, where the vendor says; otherwise null
 * @param unit      unit of {@code quantity} (tokens, images, ...), or null
 * @param currency  ISO-4217 code of the billed amount, upper case
 * @param amount    the billed amount in {@code currency}
 * @param usd       how {@code amountUsd} was found
 */
public record CostLine(String project, String item, BigDecimal amountUsd, BigDecimal quantity, String unit,
        String currency, BigDecimal amount, Usd usd) {

    public static final String DEFAULT_PROJECT = "default";
    public static final String USD = "USD";

    /** How a line's dollars were found. */
    public enum Usd {
        /** Billed in US dollars. */
        BILLED,
        /** The vendor's own US-dollar figure for a line billed in another currency (Azure CostUSD, Google's rate). */
        VENDOR_RATE,
        /** Converted at the rate configured in {@code burnrate.currency.usd-rates}. */
        CONFIGURED_RATE,
        /** Billed in another currency with no rate: not counted, and said so. */
        NOT_COUNTED;

        /** The name stored in the ledger. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Usd fromWire(String name) {
            return name == null ? null : valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public CostLine {
        Objects.requireNonNull(amountUsd, "amountUsd");
        project = project == null || project.isBlank() ? DEFAULT_PROJECT : project;
        item = item == null || item.isBlank() ? "unspecified" : item;
        currency = currency == null || currency.isBlank() ? USD : currency.toUpperCase(Locale.ROOT);
        amount = amount == null ? amountUsd : amount;
        usd = usd == null ? (currency.equals(USD) ? Usd.BILLED : Usd.NOT_COUNTED) : usd;
        if (currency.equals(USD) != (usd == Usd.BILLED)) {
            throw new IllegalArgumentException("a " + currency + " line cannot be " + usd.wireName());
        }
        if (usd == Usd.NOT_COUNTED && amountUsd.signum() != 0) {
            throw new IllegalArgumentException("a " + currency + " line without a rate cannot carry a dollar amount");
        }
    }

    /** A line billed in US dollars. */
    public CostLine(String project, String item, BigDecimal amountUsd, BigDecimal quantity, String unit) {
        this(project, item, amountUsd, quantity, unit, USD, amountUsd, Usd.BILLED);
    }

    /** A line billed in {@code currency}, with no dollar figure from the vendor. USD makes an ordinary line. */
    public static CostLine billed(String project, String item, String currency, BigDecimal amount, BigDecimal quantity,
            String unit) {
        return billed(project, item, currency, amount, null, quantity, unit);
    }

    /**
     * A line billed in {@code currency}; {@code vendorUsd} is the vendor's own US-dollar figure for it, or null when
     * it gives none.
     */
    public static CostLine billed(String project, String item, String currency, BigDecimal amount, BigDecimal vendorUsd,
            BigDecimal quantity, String unit) {
        if (currency == null || USD.equalsIgnoreCase(currency)) {
            return new CostLine(project, item, amount, quantity, unit);
        }
        return vendorUsd == null
                ? new CostLine(project, item, BigDecimal.ZERO, quantity, unit, currency, amount, Usd.NOT_COUNTED)
                : new CostLine(project, item, vendorUsd, quantity, unit, currency, amount, Usd.VENDOR_RATE);
    }

    /** This line at {@code usdPerUnit} dollars for one unit of its currency, when it had no dollar figure. */
    public CostLine atRate(BigDecimal usdPerUnit) {
        if (usd != Usd.NOT_COUNTED && usd != Usd.CONFIGURED_RATE) {
            return this;
        }
        return new CostLine(project, item, amount.multiply(usdPerUnit).setScale(6, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros(), quantity, unit, currency, amount, Usd.CONFIGURED_RATE);
    }

    /** This line without its configured-rate dollars: the rate is no longer configured. */
    public CostLine withoutRate() {
        return usd == Usd.CONFIGURED_RATE
                ? new CostLine(project, item, BigDecimal.ZERO, quantity, unit, currency, amount, Usd.NOT_COUNTED)
                : this;
    }

    public boolean isUsd() {
        return USD.equals(currency);
    }
}
