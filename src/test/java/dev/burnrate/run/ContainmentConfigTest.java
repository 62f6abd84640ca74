package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.burnrate.config.BurnrateConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Containment's settings as the function starts: off unless a policy says otherwise, and every mistake named. */
class ContainmentConfigTest {

    private static BurnrateConfig.Containment config(String... pairs) {
        Map<String, String> properties = new HashMap<>(Map.of("burnrate.table", "t", "burnrate.budgets", "total=1"));
        for (int i = 0; i < pairs.length; i += 2) {
            properties.put("burnrate.containment." + pairs[i], pairs[i + 1]);
        }
        return new SmallRyeConfigBuilder().withMapping(BurnrateConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(BurnrateConfig.class).containment();
    }

    @Test
    void offByDefaultWithTheDocumentedThresholds() {
        BurnrateConfig.Containment defaults = config();

        assertThat(ContainmentService.policiesOf(defaults).any()).isFalse();
        assertThat(defaults.autoAboveUsdPerHour()).isEqualByComparingTo(new BigDecimal("50"));
        assertThat(defaults.autoAboveBudgetPercent()).isEqualByComparingTo(new BigDecimal("150"));
        assertThat(defaults.linkTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.actLease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.approveUrl()).isEmpty();
    }

    @Test
    void aBedrockRoleMustBeOneTheTemplateLetsTheFunctionChange() {
        assertThat(ContainmentService.policiesOf(config("policies", "bedrock/app-role=suggest",
                "bedrock-role-arns", "arn:aws:iam::123456789012:role/other,arn:aws:iam::123456789012:role/team/app-role"))
                .bedrockRoles()).containsExactly("app-role");
        assertThatThrownBy(() -> ContainmentService.policiesOf(config("policies", "bedrock/app-role=suggest",
                "bedrock-role-arns", "arn:aws:iam::123456789012:role/my-app-role")))
                .hasMessage("burnrate.containment.policies: bedrock/app-role names a role the function may not change; "
                        + "add its ARN to ContainmentBedrockRoleArns (burnrate.containment.bedrock-role-arns), now "
                        + "[arn:aws:iam::123456789012:role/my-app-role]");
        assertThatThrownBy(() -> ContainmentService.policiesOf(config("policies", "bedrock/app-role=auto")))
                .hasMessageEndingWith("now empty");
    }

    @Test
    void aPolicyLineOrThresholdThatDoesNotReadStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> ContainmentService.policiesOf(config("policies", "openai=always")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("burnrate.containment: entry 1 (\"openai=always\"): mode 'always' must be off, suggest or "
                        + "auto");
        assertThatThrownBy(() -> ContainmentService.policiesOf(config("policies", "openai=auto",
                "auto-above-usd-per-hour", "0")))
                .hasMessage("burnrate.containment: the auto thresholds must be above zero, got $0 an hour and 150%");
    }
}
