package dev.burnrate.provider.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.burnrate.provider.CursorPages;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of {@code GET /v1/organization/usage/*} (OpenAI's {@code UsageResponse} of usage buckets). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record OpenAiUsagePage(
        List<Bucket> data,
        @JsonProperty("has_more") Boolean hasMore,
        @JsonProperty("next_page") String nextPage) implements CursorPages.Page {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bucket(
            @JsonProperty("start_time") Long startTime,
            @JsonProperty("end_time") Long endTime,
            List<Result> results) {
    }

    /**
     * {@code organization.usage.*.result}: completions and embeddings count tokens, images count images, speech
     * counts characters, transcription counts seconds; all count model requests.
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(
            @JsonProperty("input_tokens") Long inputTokens,
            @JsonProperty("input_cached_tokens") Long inputCachedTokens,
            @JsonProperty("input_cache_write_tokens") Long inputCacheWriteTokens,
            @JsonProperty("output_tokens") Long outputTokens,
            @JsonProperty("num_model_requests") Long numModelRequests,
            Long images,
            Long characters,
            Long seconds,
            @JsonProperty("project_id") String projectId,
            String model) {
    }
}
