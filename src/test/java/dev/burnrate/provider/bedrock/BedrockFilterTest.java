package dev.burnrate.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

            public boolean pulse() {
                return false;
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

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    /** The filter as Cost Explorer's API reference writes an Expression: Or of two Dimensions. */
    @Test
    void withoutATagOnlyTheBedrockServiceAndTheMarketplaceAreAskedFor() throws Exception {
        JsonNode filter = new BedrockCollector(null, config(null, null), null).filter();

        assertThat(filter).isEqualTo(json("""
                {"Or": [{"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Bedrock"]}},
                        {"Dimensions": {"Key": "BILLING_ENTITY", "Values": ["AWS Marketplace"]}}]}"""));
    }

    @Test
    void aTagNarrowsBothAlternatives() throws Exception {
        JsonNode filter = new BedrockCollector(null, config("team", List.of("ml", "search")), null).filter();

        assertThat(filter).isEqualTo(json("""
                {"And": [{"Or": [{"Dimensions": {"Key": "SERVICE", "Values": ["Amazon Bedrock"]}},
                                 {"Dimensions": {"Key": "BILLING_ENTITY", "Values": ["AWS Marketplace"]}}]},
                         {"Tags": {"Key": "team", "Values": ["ml", "search"]}}]}"""));
    }
}
