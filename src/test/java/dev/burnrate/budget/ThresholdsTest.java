package dev.burnrate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void levelsRunFromOneToAThousandPercentSortedAndOnce() {
        Thresholds t = new Thresholds(List.of(1000, 80, 1, 80), List.of(100), Thresholds.Basis.P50);

        assertThat(t.actualPercents()).containsExactly(1, 80, 1000);
    }

    @Test
    void aLevelOutsideOneToAThousandIsRefusedWithItsValue() {
        assertThatThrownBy(() -> new Thresholds(List.of(0), List.of(100), Thresholds.Basis.P50))
                .hasMessage("actual thresholds must be percentages from 1 to 1000, got 0");
        assertThatThrownBy(() -> new Thresholds(List.of(50), List.of(1001), Thresholds.Basis.P90))
                .hasMessage("forecast thresholds must be percentages from 1 to 1000, got 1001");
    }

    @Test
    void forecastConfirmDaysRunFromOneToFourteen() {
        assertThat(new Thresholds(List.of(50), List.of(100), Thresholds.Basis.P50).forecastConfirmDays()).isEqualTo(5);
        assertThat(new Thresholds(List.of(50), List.of(100), Thresholds.Basis.P50, 1).forecastConfirmDays()).isEqualTo(1);
        assertThat(new Thresholds(List.of(50), List.of(100), Thresholds.Basis.P50, 14).forecastConfirmDays())
                .isEqualTo(14);
        assertThatThrownBy(() -> new Thresholds(List.of(50), List.of(100), Thresholds.Basis.P50, 0))
                .hasMessage("forecast-confirm-days must be a number of days from 1 (alert at once) to 14, got 0");
        assertThatThrownBy(() -> new Thresholds(List.of(50), List.of(100), Thresholds.Basis.P50, 15))
                .hasMessage("forecast-confirm-days must be a number of days from 1 (alert at once) to 14, got 15");
    }
}
