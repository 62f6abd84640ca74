package dev.burnrate.budget;

import java.util.List;
import java.util.Objects;

/**
 * When alerts fire, in percent of a budget.
 *
 * @param actualPercents   levels for month-to-date spend (default 50, 80, 100)
 * @param forecastPercents levels for the forecast (default 100)
 * @param forecastBasis    which forecast is compared: the median (P50, fewer false alarms) or P90 (earlier)
 */
public record Thresholds(List<Integer> actualPercents, List<Integer> forecastPercents, Basis forecastBasis) {

    public enum Basis {
        P50, P90
    }

    public Thresholds {
        actualPercents = checked("actual", actualPercents);
        forecastPercents = checked("forecast", forecastPercents);
        Objects.requireNonNull(forecastBasis, "forecastBasis");
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
