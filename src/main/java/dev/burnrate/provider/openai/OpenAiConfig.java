package dev.burnrate.provider.openai;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What burnrate reads from OpenAI besides the Costs API ({@code burnrate.openai.*}). */
@ConfigMapping(prefix = "burnrate.openai")
public interface OpenAiConfig {

    /**
     * The Usage API endpoints read each run for token, image, character and second counts; drop the ones the
     * organisation does not use to save requests, or say {@code none}. Hourly points (runaway detection) come
     * from completions.
     */
    @WithDefault("completions,embeddings,images,audio_speeches,audio_transcriptions")
    List<String> usage();
}
