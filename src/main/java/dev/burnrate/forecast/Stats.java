package dev.burnrate.forecast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Robust statistics on BigDecimal: median, median absolute deviation, Theil-Sen slope. */
final class Stats {

    static final MathContext MC = MathContext.DECIMAL64;
    /** Scales a median absolute deviation to a standard deviation for normal data. */
    static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");

    private Stats() {
    }

    static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of nothing");
        }
        List<BigDecimal> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
    }

    /** Median absolute deviation from the median. */
    static BigDecimal mad(List<BigDecimal> values) {
        BigDecimal median = median(values);
        List<BigDecimal> deviations = new ArrayList<>(values.size());
        for (BigDecimal value : values) {
            deviations.add(value.subtract(median).abs());
        }
        return median(deviations);
    }

    /**
     * Theil-Sen slope: the median of the slopes between every pair of points. One outlier barely moves it.
     *
     * @param x positions (days); must be distinct
     */
    static BigDecimal theilSen(List<BigDecimal> x, List<BigDecimal> y) {
        List<BigDecimal> slopes = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            for (int j = i + 1; j < x.size(); j++) {
                slopes.add(y.get(j).subtract(y.get(i)).divide(x.get(j).subtract(x.get(i)), MC));
            }
        }
        return slopes.isEmpty() ? BigDecimal.ZERO : median(slopes);
    }
}
