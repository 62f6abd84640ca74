package dev.burnrate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.burnrate.forecast.Forecast;

/** The burn-up chart's columns, to the pixel, computed by hand (120 px high, the top 5% above the highest value). */
class ChartTest {

    private static Chart.Segment cell(int height, String color) {
        return new Chart.Segment(height, color, false);
    }

    private static Chart.Segment line(int height, String color) {
        return new Chart.Segment(height, color, true);
    }

    @Test
    void aColumnIsCutWhereSpendTheForecastItsBandAndTheBudgetLie() {
        assertThat(Chart.segments(30, 60, 80, 100)).containsExactly(cell(20, Chart.EMPTY), line(20, Chart.EMPTY),
                cell(20, Chart.BAND), cell(30, Chart.FORECAST), cell(30, Chart.SPENT));
        // spend above the budget is red; the line runs along the top of the spend below it
        assertThat(Chart.segments(110, 110, 110, 100)).containsExactly(cell(10, Chart.EMPTY), cell(10, Chart.OVER),
                line(100, Chart.SPENT));
    }

    @Test
    void aShortMonthDrawnByHand() {
        // a 4-day month, $40 budget; $10 on the 1st and $10 so far on the 2nd (today); the forecast's path: $20
        // (P90 $22) by the end of the 2nd, $30 ($36) of the 3rd, $40 ($48) of the 4th. Top: $48 x 1.05 = $50.40,
        // so $10 is 23.8 px (24), $20 47.6 (48), $22 52.4 (52), $30 71.4 (71), $36 85.7 (86), $40 95.2 (95),
        // $48 114.3 (114).
        LocalDate first = LocalDate.of(2027, 2, 1);
        List<Forecast.PathDay> path = List.of(
                new Forecast.PathDay(first.plusDays(1), new BigDecimal("20"), new BigDecimal("22")),
                new Forecast.PathDay(first.plusDays(2), new BigDecimal("30"), new BigDecimal("36")),
                new Forecast.PathDay(first.plusDays(3), new BigDecimal("40"), new BigDecimal("48")));

        Chart chart = Chart.of(List.of(new BigDecimal("10"), new BigDecimal("10")), 4, path, new BigDecimal("40"));

        assertThat(chart.columns()).extracting(Chart.Column::label).containsExactly("1", "", "", "4");
        assertThat(chart.columns().get(0).segments()).containsExactly(cell(25, Chart.EMPTY), line(71, Chart.EMPTY),
                cell(24, Chart.SPENT));
        assertThat(chart.columns().get(1).segments()).containsExactly(cell(25, Chart.EMPTY), line(43, Chart.EMPTY),
                cell(4, Chart.BAND), cell(48, Chart.SPENT));
        assertThat(chart.columns().get(2).segments()).containsExactly(cell(25, Chart.EMPTY), line(9, Chart.EMPTY),
                cell(15, Chart.BAND), cell(71, Chart.FORECAST));
        assertThat(chart.columns().get(3).segments()).containsExactly(cell(6, Chart.EMPTY), cell(19, Chart.BAND),
                line(95, Chart.FORECAST));
        // every column is as high as the chart, so the budget line is straight across
        assertThat(chart.columns()).allSatisfy(c -> assertThat(c.segments().stream()
                .mapToInt(Chart.Segment::height).sum()).isEqualTo(Chart.HEIGHT));
        assertThat(chart.top()).isEqualTo("$50");
        assertThat(chart.budget()).isEqualTo("$40");
        assertThat(chart.monthEnd()).isEqualTo("$40");
        assertThat(chart.monthEndP90()).isEqualTo("$48");
    }

    @Test
    void withoutAForecastOnlyTheSpendIsDrawn() {
        Chart chart = Chart.of(List.of(new BigDecimal("5"), new BigDecimal("5")), 3, List.of(), new BigDecimal("100"));

        // top $105: $5 is 5.7 px (6), $10 11.4 (11), the budget 114.3 (114)
        assertThat(chart.columns().get(1).segments()).containsExactly(cell(6, Chart.EMPTY), line(103, Chart.EMPTY),
                cell(11, Chart.SPENT));
        assertThat(chart.columns().get(2).segments()).containsExactly(cell(6, Chart.EMPTY), line(114, Chart.EMPTY));
        assertThat(chart.monthEndP90()).isNull();
        assertThat(chart.monthEnd()).isEqualTo("$10");
    }
}
