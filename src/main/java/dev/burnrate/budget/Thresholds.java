package dev.burnrate.budget;

import java.util.List;
import java.util.Objects;

/**
 * When alerts fire, in percent of a budget.
 *
 * @param actualPercents      levels for month-to-date spend (default 50, 80, 100)
 * @param forecastPercents    levels for the forecast (default 100)
 * @param forecastBasis       which forecast is compared: the median (P50, fewer false alarms) or P90 (earlier)
 * @param forecastConfirmDays on how many days in a row (this check's and the same time on the days before) a
 *                            forecast must be over a level whose crossing is far off and narrow before its alert
 *                            goes out (1: at once); see {@code alert.BudgetEvaluator#needsConfirmation}
 */
public record Thresholds(List<Integer> actualPercents, List<Integer> forecastPercents, Basis forecastBasis,
        int forecastConfirmDays) {

    /** The confirmation days unless configured otherwise: measured by bench/forecast (README, Forecast quality). */
    public static final int DEFAULT_CONFIRM_DAYS = 5;
    /** Two weeks: a longer wait would leave no lead time for most crossings it holds back. */
    public static final int MAX_CONFIRM_DAYS = 14;

    public enum Basis {
        P50, P90
    }

    public Thresholds {
        actualPercents = checked("actual", actualPercents);
        forecastPercents = checked("forecast", forecastPercents);
        Objects.requireNonNull(forecastBasis, "forecastBasis");
        if (forecastConfirmDays < 1 || forecastConfirmDays > MAX_CONFIRM_DAYS) {
            throw new IllegalArgumentException("forecast-confirm-days must be a number of days from 1 (alert at once) "
                    + "to " + MAX_CONFIRM_DAYS + ", got " + forecastConfirmDays);
        }
    }

    /** Levels and basis with the default confirmation days. */
    public Thresholds(List<Integer> actualPercents, List<Integer> forecastPercents, Basis forecastBasis) {
        this(actualPercents, forecastPercents, forecastBasis, DEFAULT_CONFIRM_DAYS);
    }

    public static Thresholds defaults() {
        return new Thresholds(List.of(50, 80, 100), List.of(100), Basis.P50);
    }

    private static List<Integer> checked(String what, List<Integer> percents) {
        Objects.requireNonNull(percents, what);
        for (Integer percent : percents) {
            if (percent == null || percent < 1 || percent > 1000) {
                throw new IllegalArgumentException(what + " thresholds must be percentages from 1 to 1000, got "
                        + percent);
            }
        }
        return percents.stream().distinct().sorted().toList();
    }
}
