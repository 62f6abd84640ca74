package dev.burnrate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class OpenAiUsageKindsTest {

    @Test
    void theConfiguredEndpointsAreReadAndNoneReadsNothing() {
        assertThat(OpenAiCollector.usageKinds(List.of("completions", "images"))).containsExactly("completions", "images");
        assertThat(OpenAiCollector.usageKinds(List.of("none"))).isEmpty();
    }

    @Test
    void anEndpointBurnrateDoesNotReadIsNamedWithTheChoices() {
        assertThatThrownBy(() -> OpenAiCollector.usageKinds(List.of("completions", "moderation")))
                .hasMessage("burnrate.openai.usage: 'moderation' is not an OpenAI usage endpoint burnrate reads; use "
                        + "any of completions, embeddings, images, audio_speeches, audio_transcriptions, or none");
    }
}
