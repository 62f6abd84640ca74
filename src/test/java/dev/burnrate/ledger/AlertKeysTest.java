package dev.burnrate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.burnrate.alert.AlertKey;
import dev.burnrate.alert.AlertKind;
import dev.burnrate.alert.VendorEpisode;

class AlertKeysTest {

    private static final YearMonth NOV = YearMonth.of(2026, 11);

    @ParameterizedTest
    @ValueSource(strings = {"total", "openai/proj_abc", "openai/proj#1", "a#b#c#d", "x@y", "%23", "%25%23#%",
            "team chat bot", "gemini/日本語-プロジェクト", "emoji/🔥", "#", "%", "trailing#"})
    void everyBudgetAndVendorIdRoundTrips(String id) {
        AlertKey budgetAlert = new AlertKey(NOV, id, AlertKind.FORECAST, 100, null);
        AlertKey episode = new AlertKey(NOV, id, AlertKind.RUNAWAY_REMINDER, 3,
                new VendorEpisode(id, Instant.parse("2026-11-10T09:00:00Z")));

        assertThat(AlertKeys.parse(NOV, AlertKeys.sortKey(budgetAlert))).isEqualTo(budgetAlert);
        assertThat(AlertKeys.parse(NOV, AlertKeys.sortKey(episode))).isEqualTo(episode);
    }

    @Test
    void sortKeysAreReadableAndDistinct() {
        assertThat(AlertKeys.sortKey(new AlertKey(NOV, "openai/proj#1", AlertKind.ACTUAL, 80, null)))
                .isEqualTo("openai/proj%231#ACTUAL#80");
        assertThat(AlertKeys.sortKey(new AlertKey(NOV, "total", AlertKind.STALE_DATA, 0,
                new VendorEpisode("openai", Instant.parse("2026-11-10T09:00:00Z")))))
                .isEqualTo("total#STALE_DATA#0#openai#2026-11-10T09:00:00Z");
        assertThat(AlertKeys.sortKey(new AlertKey(NOV, "a#b", AlertKind.ACTUAL, 80, null)))
                .isNotEqualTo(AlertKeys.sortKey(new AlertKey(NOV, "a", AlertKind.ACTUAL, 80, null)));
    }

    @Test
    void aBrokenSortKeyIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> AlertKeys.parse(NOV, "total#forecast_exceeds_budget"))
                .hasMessageContaining("'total#forecast_exceeds_budget'").hasMessageContaining("2 parts");
        assertThatThrownBy(() -> AlertKeys.parse(NOV, "total#NOPE#100")).hasMessageContaining("unknown kind 'NOPE'");
        assertThatThrownBy(() -> AlertKeys.parse(NOV, "total#RUNAWAY#0#openai#yesterday"))
                .hasMessageContaining("'yesterday' is not an instant");
    }
}
