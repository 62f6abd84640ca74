package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.burnrate.alert.AlertEngine;
import dev.burnrate.config.BurnrateConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The alert engine's settings as configuration gives them: defaults, and bad values named by their key. */
class AlertSettingsTest {

    private static AlertEngine.Settings settings(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("burnrate.table", "t", "burnrate.budgets", "total=1"));
        properties.putAll(extra);
        BurnrateConfig config = new SmallRyeConfigBuilder().withMapping(BurnrateConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(BurnrateConfig.class);
        return CheckService.settings(config);
    }

    @Test
    void defaultsAreAThreeHourQuietSpellADailyReminderAndNoAcceptance() {
        AlertEngine.Settings s = settings(Map.of());

        assertThat(s.runaway().quietHours()).isEqualTo(3);
        assertThat(s.runaway().reminderEvery()).isEqualTo(Duration.ofDays(1));
        assertThat(s.runaway().acceptAfter()).isEmpty();
        assertThat(s.staleAfter()).isEqualTo(Duration.ofHours(12));
        assertThat(settings(Map.of("burnrate.runaway.accept-after", "3d")).runaway().acceptAfter())
                .contains(Duration.ofDays(3));
    }

    @Test
    void aBadValueIsNamedByItsKey() {
        assertThatThrownBy(() -> settings(Map.of("burnrate.runaway.quiet-hours", "0")))
                .hasMessage("burnrate.runaway: the quiet spell must be at least one hour, got 0");
        assertThatThrownBy(() -> settings(Map.of("burnrate.runaway.accept-after", "2h")))
                .hasMessage("burnrate.runaway: accept-after PT2H must be longer than the quiet spell of 3 h");
        assertThatThrownBy(() -> settings(Map.of("burnrate.notify.digest-hour-utc", "24")))
                .hasMessage("burnrate.notify.digest-hour-utc: the digest hour must be an hour from 0 to 23, got 24");
    }
}
