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
        assertThatThrownBy(() -> build(Map.of("burnrate.budget.monthly-usd", "100")))
                .hasMessageContaining("burnrate.table");
    }

    @Test
    void aMissingBudgetIsNamed() {
        assertThatThrownBy(() -> build(Map.of("burnrate.table", "t")))
                .hasMessageContaining("burnrate.budget.monthly-usd");
    }

    @Test
    void aBudgetThatIsNotANumberIsNamedWithItsValue() {
        assertThatThrownBy(() -> build(Map.of("burnrate.table", "t", "burnrate.budget.monthly-usd", "five grand")))
                .hasMessageContaining("burnrate.budget.monthly-usd").hasMessageContaining("five grand");
    }

    @Test
    void optionalChannelsAndDefaultsNeedNothing() {
        BurnrateConfig config = build(Map.of("burnrate.table", "t", "burnrate.budget.monthly-usd", "2500.50"))
                .getConfigMapping(BurnrateConfig.class);

        assertThat(config.budget().monthlyUsd()).isEqualByComparingTo("2500.50");
        assertThat(config.channels().snsTopicArn()).isEmpty();
        assertThat(config.channels().email().to()).isEmpty();
        assertThat(config.collect().trailingDays()).isEqualTo(3);
        assertThat(config.collect().historyMonths()).isEqualTo(2);
        assertThat(config.collect().vendorTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.fixedNow()).isEmpty();
    }
}
