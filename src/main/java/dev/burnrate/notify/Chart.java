package dev.burnrate.notify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * Daily spend as a bar chart made of table cells, which Gmail and Outlook render (no script, no SVG, no image):
 * one column per day of the month, actual spend in dark blue, the forecast for the remaining days in light blue
 * with its P50-P90 band in grey, and the budget pace (the budget spread evenly over the month) as a dashed red
 * line.
 */
@TemplateData
public record Chart(List<Row> rows, List<String> dayLabels, String top, String pace) {

    static final int LEVELS = 10;
    static final String ACTUAL = "#2b6cb0";
    static final String FORECAST = "#90cdf4";
    static final String BAND = "#e2e8f0";
    static final String EMPTY = "#ffffff";
    private static final MathContext MC = MathContext.DECIMAL64;

    /** One level of the chart, top first; {@code pace} marks the level the budget pace line runs through. */
    @TemplateData
    public record Row(List<String> colors, boolean pace) {
    }

    /**
     * @param actual   spend per day so far (first: the 1st)
     * @param daysInMonth length of the month
     * @param p50PerDay expected spend per remaining day, or null without a forecast
     * @param p90PerDay P90 spend per remaining day, or null
     * @param budget   the monthly budget
     */
    static Chart of(List<BigDecimal> actual, int daysInMonth, BigDecimal p50PerDay, BigDecimal p90PerDay,
            BigDecimal budget) {
        BigDecimal pace = budget.divide(BigDecimal.valueOf(daysInMonth), MC);
        BigDecimal max = pace;
        for (BigDecimal value : actual) {
            max = max.max(value);
        }
        if (p90PerDay != null) {
            max = max.max(p90PerDay);
        }
        max = max.multiply(new BigDecimal("1.1"), MC);
        BigDecimal step = max.divide(BigDecimal.valueOf(LEVELS), MC);
        int paceLevel = Math.min(LEVELS - 1, pace.divide(step, MC).intValue());
        List<Row> rows = new ArrayList<>();
        for (int level = LEVELS - 1; level >= 0; level--) {
            BigDecimal floor = step.multiply(BigDecimal.valueOf(level), MC);
            List<String> colors = new ArrayList<>();
            for (int day = 0; day < daysInMonth; day++) {
                colors.add(color(day < actual.size() ? actual.get(day) : null, day < actual.size() ? null : p50PerDay,
                        day < actual.size() ? null : p90PerDay, floor));
            }
            rows.add(new Row(colors, level == paceLevel));
        }
        List<String> labels = new ArrayList<>();
        for (int day = 1; day <= daysInMonth; day++) {
            labels.add(day == 1 || day % 5 == 0 ? Integer.toString(day) : "");
        }
        return new Chart(rows, labels, AlertComposer.wholeDollars(max), AlertComposer.dollars(pace));
    }

    private static String color(BigDecimal actual, BigDecimal p50, BigDecimal p90, BigDecimal floor) {
        if (actual != null) {
            return actual.compareTo(floor) > 0 ? ACTUAL : EMPTY;
        }
        if (p50 != null && p50.compareTo(floor) > 0) {
            return FORECAST;
        }
        if (p90 != null && p90.compareTo(floor) > 0) {
            return BAND;
        }
        return EMPTY;
    }
}
