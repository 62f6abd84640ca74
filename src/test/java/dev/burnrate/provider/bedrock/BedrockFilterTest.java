package dev.burnrate.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.costexplorer.model.Expression;

/** What Cost Explorer is asked to filter on: only Bedrock and the Marketplace, and the tag when one is set. */
class BedrockFilterTest {

    private static BedrockConfig config(String tagKey, List<String> tagValues) {
        return new BedrockConfig() {
            public boolean enabled() {
                return true;
            }

            public Duration minInterval() {
                return Duration.ofHours(6);
            }

            public Optional<String> tagKey() {
                return Optional.ofNullable(tagKey);
            }

            public Optional<List<String>> tagValues() {
                return Optional.ofNullable(tagValues);
            }

            public Duration readTimeout() {
                return Duration.ofSeconds(30);
            }

            public Optional<URI> endpointOverride() {
                return Optional.empty();
            }
        };
    }

    private static List<String> alternatives(Expression or) {
        return or.or().stream().map(e -> e.dimensions().keyAsString() + " = " + e.dimensions().values()).toList();
    }

    @Test
    void withoutATagOnlyTheBedrockServiceAndTheMarketplaceAreAskedFor() {
        Expression filter = new BedrockCollector(null, config(null, null)).filter();

        assertThat(alternatives(filter)).containsExactly("SERVICE = [Amazon Bedrock]",
                "BILLING_ENTITY = [AWS Marketplace]");
        assertThat(filter.and()).isEmpty();
    }

    @Test
    void aTagNarrowsBothAlternatives() {
        Expression filter = new BedrockCollector(null, config("team", List.of("ml", "search"))).filter();

        assertThat(filter.and()).hasSize(2);
        assertThat(alternatives(filter.and().get(0))).containsExactly("SERVICE = [Amazon Bedrock]",
                "BILLING_ENTITY = [AWS Marketplace]");
        assertThat(filter.and().get(1).tags().key()).isEqualTo("team");
        assertThat(filter.and().get(1).tags().values()).containsExactly("ml", "search");
    }
}
