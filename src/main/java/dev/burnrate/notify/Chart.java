package dev.burnrate.notify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import dev.burnrate.forecast.Forecast;
import io.quarkus.qute.TemplateData;

/**
 * The month as a burn-up chart of table cells, which Gmail, Outlook and phone mail apps render (no script, no SVG,
 * no image): one column per day, its height the month-to-date total at the end of that day, to the pixel. Days gone
 * by are spent (dark blue; red above the budget); days to come follow the forecast's path, P50 (mid blue) and the band
 * up to P90 (violet), with its weekly shape (a weekend adds less than a weekday). The budget is a red line across the
 * chart. Each column is a stack of a few cells, so the whole chart is a few kilobytes (Gmail clips a message over
 * 102 KB).
 *
 * @param columns     one per day of the month
 * @param height      the chart's height in pixels, the budget line not counted
 * @param top         the amount the top of the chart stands for
 * @param budget      the budget, as the line is labelled
 * @param monthEnd    the P50 month-end total (or the month-to-date total without a forecast)
 * @param monthEndP90 the P90 month-end total, or null
 */
@TemplateData
public record Chart(List<Column> columns, int height, String top, String budget, String monthEnd,
        String monthEndP90) {

    static final int HEIGHT = 120;
    static final String SPENT = "#2b6cb0";
    static final String OVER = "#c53030";
    static final String FORECAST = "#63b3ed";
    static final String BAND = "#b794f4";
    static final String EMPTY = "#ffffff";
    private static final MathContext MC = MathContext.DECIMAL64;

    /** A day's column: its cells top first, and the day's label (the 1st, every 5th and the last day). */
    @TemplateData
    public record Column(List<Segment> segments, String label) {
    }

    /** A cell of a column: its height in pixels, its colour, and whether the budget line runs along its top. */
    @TemplateData
    public record Segment(int height, String color, boolean budgetLine) {
    }

    /**
     * @param daily       spend per day so far (first: the 1st; the last is today, still partial)
     * @param daysInMonth length of the month
     * @param path        the forecast's month-to-date totals from today to the month end; empty without a forecast
     * @param budget      the monthly budget
     */
    static Chart of(List<BigDecimal> daily, int daysInMonth, List<Forecast.PathDay> path, BigDecimal budget) {
        BigDecimal[] spent = new BigDecimal[daysInMonth];
        BigDecimal[] p50 = new BigDecimal[daysInMonth];
        BigDecimal[] p90 = new BigDecimal[daysInMonth];
        BigDecimal total = BigDecimal.ZERO;
        for (int day = 0; day < Math.min(daily.size(), daysInMonth); day++) {
            total = total.add(daily.get(day));
            spent[day] = total;
        }
        for (Forecast.PathDay point : path) {
            int day = point.day().getDayOfMonth() - 1;
            if (day >= 0 && day < daysInMonth) {
                p50[day] = point.p50Usd();
                p90[day] = point.p90Usd();
            }
        }
        BigDecimal max = budget.max(total);
        for (int day = 0; day < daysInMonth; day++) {
            max = p90[day] != null ? max.max(p90[day]) : max;
            max = spent[day] != null ? max.max(spent[day]) : max;
        }
        max = max.multiply(new BigDecimal("1.05"), MC);
        int budgetPx = px(budget, max);
        List<Column> columns = new ArrayList<>();
        for (int day = 0; day < daysInMonth; day++) {
            int spentPx = spent[day] == null ? 0 : px(spent[day], max);
            int p50Px = p50[day] == null ? spentPx : Math.max(spentPx, px(p50[day], max));
            int p90Px = p90[day] == null ? p50Px : Math.max(p50Px, px(p90[day], max));
            columns.add(new Column(segments(spentPx, p50Px, p90Px, budgetPx),
                    day == 0 || (day + 1) % 5 == 0 && daysInMonth - day - 1 >= 2 || day == daysInMonth - 1
                            ? Integer.toString(day + 1) : ""));
        }
        Forecast.PathDay end = path.isEmpty() ? null : path.get(path.size() - 1);
        return new Chart(columns, HEIGHT, AlertComposer.wholeDollars(max), AlertComposer.wholeDollars(budget),
                AlertComposer.wholeDollars(end == null ? total : end.p50Usd()),
                end == null ? null : AlertComposer.wholeDollars(end.p90Usd()));
    }

    /** Pixels from the bottom for an amount, 0 to {@link #HEIGHT}. */
    private static int px(BigDecimal usd, BigDecimal max) {
        if (usd.signum() <= 0) {
            return 0;
        }
        int px = usd.multiply(BigDecimal.valueOf(HEIGHT), MC).divide(max, 0, RoundingMode.HALF_UP).intValue();
        return Math.min(HEIGHT, px);
    }

    /**
     * The column's cells, top first: split wherever spend, P50, P90 or the budget lies, so each cell has one colour;
     * the cell just below the budget carries the line on its top.
     */
    static List<Segment> segments(int spentPx, int p50Px, int p90Px, int budgetPx) {
        TreeSet<Integer> edges = new TreeSet<>(List.of(0, HEIGHT, spentPx, p50Px, p90Px, budgetPx));
        List<Segment> segments = new ArrayList<>();
        Integer upper = null;
        for (int edge : edges.descendingSet()) {
            if (upper != null && upper > edge) {
                double middle = (upper + edge) / 2.0;
                String color = middle < spentPx ? (middle > budgetPx ? OVER : SPENT)
                        : middle < p50Px ? FORECAST : middle < p90Px ? BAND : EMPTY;
                segments.add(new Segment(upper - edge, color, upper == budgetPx && budgetPx > 0));
            }
            upper = edge;
        }
        return segments;
    }
}
