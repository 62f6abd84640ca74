package dev.burnrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Start-up validation of the configuration mapping, as Quarkus runs it when the function starts. */
class ConfigValidationTest {

    private static SmallRyeConfig build(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(BurnrateConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    @Test
    void aMissingTableIsNamed() {
        assertThatThrownBy(() -> build(Map.of("burnrate.budgets", "total=100")))
                .hasMessageContaining("burnrate.table");
    }

    @Test
    void missingBudgetsAreNamed() {
        assertThatThrownBy(() -> build(Map.of("burnrate.table", "t")))
                .hasMessageContaining("burnrate.budgets");
    }

    @Test
    void aThresholdThatIsNotANumberIsNamedWithItsValue() {
        assertThatThrownBy(() -> build(Map.of("burnrate.table", "t", "burnrate.budgets", "total=1",
                "burnrate.thresholds.actual", "50,eighty")))
                .hasMessageContaining("burnrate.thresholds.actual").hasMessageContaining("eighty");
    }

    @Test
    void aForecastBasisIsReadInLowerCase() {
        BurnrateConfig config = build(Map.of("burnrate.table", "t", "burnrate.budgets", "total=1",
                "burnrate.thresholds.forecast-basis", "p90")).getConfigMapping(BurnrateConfig.class);

        assertThat(config.thresholds().forecastBasis()).isEqualTo(dev.burnrate.budget.Thresholds.Basis.P90);
    }

    @Test
    void forecastConfirmDaysDefaultToFiveAndAnOutOfRangeValueIsNamed() {
        BurnrateConfig defaults = build(Map.of("burnrate.table", "t", "burnrate.budgets", "total=1"))
                .getConfigMapping(BurnrateConfig.class);
        BurnrateConfig atOnce = build(Map.of("burnrate.table", "t", "burnrate.budgets", "total=1",
                "burnrate.thresholds.forecast-confirm-days", "1")).getConfigMapping(BurnrateConfig.class);
        BurnrateConfig tooMany = build(Map.of("burnrate.table", "t", "burnrate.budgets", "total=1",
                "burnrate.thresholds.forecast-confirm-days", "30")).getConfigMapping(BurnrateConfig.class);

        assertThat(defaults.thresholds().toThresholds().forecastConfirmDays()).isEqualTo(5);
        assertThat(atOnce.thresholds().toThresholds().forecastConfirmDays()).isEqualTo(1);
        assertThatThrownBy(() -> tooMany.thresholds().toThresholds())
                .hasMessage("burnrate.thresholds: forecast-confirm-days must be a number of days from 1 (alert at once) "
                        + "to 14, got 30");
    }

    @Test
    void optionalChannelsAndDefaultsNeedNothing() {
        BurnrateConfig config = build(Map.of("burnrate.table", "t", "burnrate.budgets", "total=2500.50"))
                .getConfigMapping(BurnrateConfig.class);

        assertThat(config.budgets()).isEqualTo("total=2500.50");
        assertThat(config.thresholds().actual()).containsExactly(50, 80, 100);
        assertThat(config.thresholds().forecast()).containsExactly(100);
        assertThat(config.thresholds().forecastBasis()).isEqualTo(dev.burnrate.budget.Thresholds.Basis.P50);
        assertThat(config.channels().snsTopicArn()).isEmpty();
        assertThat(config.channels().email().to()).isEmpty();
        assertThat(config.collect().trailingDays()).isEqualTo(3);
        assertThat(config.collect().historyMonths()).isEqualTo(2);
        assertThat(config.collect().vendorTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.fixedNow()).isEmpty();
    }
}
