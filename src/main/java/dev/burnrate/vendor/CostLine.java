package dev.burnrate.vendor;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One billed line of one vendor's day: what was charged, for which project or workspace.
 * <p>
 * Amounts in US dollars count ({@link #amountUsd()}). An amount in another currency is kept with its currency
 * ({@link #currency()}, {@link #amount()}) and reported, but its {@code amountUsd} is zero: burnrate never adds
 * another currency to dollars at a guessed rate.
 *
 * @param project   the vendor's project or workspace id; {@code "default"} where the vendor names none
 * @param item      the vendor's own label for the charge (OpenAI line item, Anthropic description), verbatim
 * @param amountUsd billed amount in US dollars; negative for credits and refunds; zero for another currency
 * @param quantity  how much was used, where the vendor says; otherwise null
 * @param unit      unit of {@code quantity} (tokens, images, ...), or null
 * @param currency  ISO-4217 code of the billed amount, upper case
 * @param amount    the billed amount in {@code currency}
 */
public record CostLine(String project, String item, BigDecimal amountUsd, BigDecimal quantity, String unit,
        String currency, BigDecimal amount) {

    public static final String DEFAULT_PROJECT = "default";
    public static final String USD = "USD";

    public CostLine {
        Objects.requireNonNull(amountUsd, "amountUsd");
        project = project == null || project.isBlank() ? DEFAULT_PROJECT : project;
        item = item == null || item.isBlank() ? "unspecified" : item;
        currency = currency == null || currency.isBlank() ? USD : currency.toUpperCase(Locale.ROOT);
        amount = amount == null ? amountUsd : amount;
        if (!currency.equals(USD) && amountUsd.signum() != 0) {
            throw new IllegalArgumentException("a " + currency + " line cannot carry a dollar amount");
        }
    }

    /** A line billed in US dollars. */
    public CostLine(String project, String item, BigDecimal amountUsd, BigDecimal quantity, String unit) {
        this(project, item, amountUsd, quantity, unit, USD, amountUsd);
    }

    /** A line billed in {@code currency}: kept and reported, not added to dollars. USD makes an ordinary line. */
    public static CostLine billed(String project, String item, String currency, BigDecimal amount, BigDecimal quantity,
            String unit) {
        if (currency == null || USD.equalsIgnoreCase(currency)) {
            return new CostLine(project, item, amount, quantity, unit);
        }
        return new CostLine(project, item, BigDecimal.ZERO, quantity, unit, currency, amount);
    }

    public boolean isUsd() {
        return USD.equals(currency);
    }
}
