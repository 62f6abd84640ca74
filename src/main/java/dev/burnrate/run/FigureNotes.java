package dev.burnrate.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.burnrate.ledger.DailySnapshot;
import dev.burnrate.provider.CostLine;

/**
 * What a person must know to trust one vendor's month-to-date figure, in words: days whose sharp drop is held,
 * money in other currencies and how (or whether) it was counted, usage the vendor's cost report leaves out. The
 * same sentences go into the report and into every message, so nothing is missing silently.
 */
final class FigureNotes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.US);

    /** One vendor's notes for the month. */
    record Notes(List<CheckReport.HeldDay> held, List<String> sentences) {
        static final Notes NONE = new Notes(List.of(), List.of());
    }

    private FigureNotes() {
    }

    /**
     * @param month         the vendor's stored days of the month
     * @param notInCostName what the vendor calls usage left out of its cost report, or null
     * @param confirmAfter  how long a held drop must last to be believed
     */
    static Notes of(List<DailySnapshot> month, String notInCostName, Duration confirmAfter) {
        List<CheckReport.HeldDay> held = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        Map<String, Map<CostLine.Usd, BigDecimal[]>> currencies = new TreeMap<>();
        long notInCost = 0;
        for (DailySnapshot snapshot : month) {
            if (snapshot.held() != null) {
                held.add(new CheckReport.HeldDay(snapshot.cost().day().toString(), money(snapshot.cost().totalUsd()),
                        money(snapshot.held().reportedUsd()), snapshot.held().since().toString()));
                sentences.add(day(snapshot.cost().day()) + " was re-pulled at " + dollars(snapshot.held().reportedUsd())
                        + "; the stored " + dollars(snapshot.cost().totalUsd()) + " is kept until a read "
                        + hours(confirmAfter) + " or more later confirms the drop");
            }
            for (CostLine line : snapshot.cost().lines()) {
                if (!line.isUsd()) {
                    BigDecimal[] sums = currencies.computeIfAbsent(line.currency(), c -> new TreeMap<>())
                            .computeIfAbsent(line.usd(), u -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    sums[0] = sums[0].add(line.amount());
                    sums[1] = sums[1].add(line.amountUsd());
                }
            }
            if (snapshot.usage() != null) {
                notInCost += snapshot.usage().notInCostTokens();
            }
        }
        currencies.forEach((currency, byWay) -> byWay.forEach((way, sums) -> sentences.add(switch (way) {
            case NOT_COUNTED -> currency + " " + plain(sums[0]) + " of its spend is not counted: the vendor gave no "
                    + "dollar figure and burnrate.currency.usd-rates (UsdRates) has no " + currency + " rate";
            case CONFIGURED_RATE -> currency + " " + plain(sums[0]) + " is counted as " + dollars(sums[1])
                    + " at the configured rate";
            case VENDOR_RATE -> currency + " " + plain(sums[0]) + " is counted as " + dollars(sums[1])
                    + " at the vendor's own rate";
            case BILLED -> throw new IllegalStateException("a " + currency + " line billed in dollars");
        })));
        if (notInCost > 0 && notInCostName != null) {
            sentences.add(String.format(Locale.US, "%,d %s tokens this month are not in its cost report, so their "
                    + "cost is not counted", notInCost, notInCostName));
        }
        return held.isEmpty() && sentences.isEmpty() ? Notes.NONE : new Notes(held, sentences);
    }

    private static String day(LocalDate day) {
        return DAY.format(day);
    }

    private static String hours(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }

    private static BigDecimal money(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP);
    }

    private static String dollars(BigDecimal usd) {
        BigDecimal rounded = money(usd);
        return (rounded.signum() < 0 ? "-$" : "$") + String.format(Locale.US, "%,.2f", rounded.abs());
    }

    private static String plain(BigDecimal amount) {
        return String.format(Locale.US, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
    }
}
