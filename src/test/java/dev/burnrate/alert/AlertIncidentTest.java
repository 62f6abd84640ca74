package dev.burnrate.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

/** Which messages on-call tools see as one incident, and which end it. */
class AlertIncidentTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final VendorEpisode RUNAWAY = new VendorEpisode("openai", Instant.parse("2026-11-20T03:00:00Z"));

    @Test
    void aBudgetAlertIsOneIncidentPerMonthBudgetAndKind() {
        assertThat(new AlertKey(NOVEMBER, "openai/proj_abc", AlertKind.FORECAST, 100, null).incident())
                .isEqualTo("2026-11/openai/proj_abc/forecast_exceeds_budget");
        assertThat(new AlertKey(NOVEMBER, "total", AlertKind.ACTUAL, 80, null).incident())
                .isEqualTo("2026-11/total/actual_threshold_80");
        assertThat(new AlertKey(NOVEMBER, "total", AlertKind.ACTUAL, 80, null).endsIncident()).isFalse();
    }

    @Test
    void aRunawaysAlertRemindersEscalationsAndEndAreOneIncident() {
        for (AlertKind kind : new AlertKind[] {AlertKind.RUNAWAY, AlertKind.RUNAWAY_REMINDER,
                AlertKind.RUNAWAY_ESCALATION, AlertKind.RUNAWAY_ACCEPTED, AlertKind.RUNAWAY_OVER}) {
            AlertKey key = new AlertKey(NOVEMBER, "total", kind, kind == AlertKind.RUNAWAY_REMINDER ? 2 : 0, RUNAWAY);
            assertThat(key.incident()).as(kind.name()).isEqualTo("runaway/openai/2026-11-20T03:00:00Z");
            assertThat(key.endsIncident()).as(kind.name())
                    .isEqualTo(kind == AlertKind.RUNAWAY_OVER || kind == AlertKind.RUNAWAY_ACCEPTED);
        }
    }

    @Test
    void aVendorSpellIsItsOwnIncidentAndTheDigestNone() {
        VendorEpisode spell = new VendorEpisode("anthropic", Instant.parse("2026-11-19T20:00:00Z"));
        assertThat(new AlertKey(NOVEMBER, "total", AlertKind.STALE_DATA, 0, spell).incident())
                .isEqualTo("stale_data/anthropic/2026-11-19T20:00:00Z");
        assertThat(new AlertKey(NOVEMBER, "total", AlertKind.USAGE_UNREAD, 0, spell).incident())
                .isEqualTo("usage_unread/anthropic/2026-11-19T20:00:00Z");
        assertThat(new AlertKey(NOVEMBER, "total", AlertKind.DIGEST, 20, null).incident()).isNull();
    }
}
