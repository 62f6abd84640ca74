package dev.burnrate.provider;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one vendor counted for one model and project in one bucket (a day or an hour): tokens and requests.
 *
 * @param kind              the vendor's usage endpoint: {@code completions}, {@code embeddings}, {@code images},
 *                          {@code audio_speeches}, {@code audio_transcriptions} (OpenAI), {@code messages} (Anthropic)
 * @param project           project or workspace id; {@code "default"} where the vendor names none
 * @param model             the model as the vendor names it; {@code "unspecified"} where it does not say
 * @param inputTokens       every input token, cached and cache writes included (OpenAI's {@code input_tokens})
 * @param cachedInputTokens input tokens read from the prompt cache
 * @param cacheWriteTokens  input tokens written to the prompt cache
 * @param outputTokens      output tokens
 * @param requests          model requests; null where the vendor does not count them (Anthropic)
 * @param quantity          what a non-token endpoint counts (images, characters, seconds), or null
 * @param unit              unit of {@code quantity}, or null
 * @param notInCost         true for usage whose cost the vendor's cost report leaves out (Anthropic's Priority
 *                          Tier): counted here, not in any dollar figure, and named in reports and messages
 */
public record UsageLine(String kind, String project, String model, long inputTokens, long cachedInputTokens,
        long cacheWriteTokens, long outputTokens, Long requests, BigDecimal quantity, String unit,
        boolean notInCost) {

    /** Usage whose cost is in the vendor's cost report. */
    public UsageLine(String kind, String project, String model, long inputTokens, long cachedInputTokens,
            long cacheWriteTokens, long outputTokens, Long requests, BigDecimal quantity, String unit) {
        this(kind, project, model, inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens, requests, quantity,
                unit, false);
    }

    public UsageLine {
        Objects.requireNonNull(kind, "kind");
        project = project == null || project.isBlank() ? CostLine.DEFAULT_PROJECT : project;
        model = model == null || model.isBlank() ? "unspecified" : model;
    }

    /** Input tokens billed at the full input price: neither read from nor written to the cache. */
    public long uncachedInputTokens() {
        return Math.max(0, inputTokens - cachedInputTokens - cacheWriteTokens);
    }
}
