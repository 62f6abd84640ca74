package dev.burnrate.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.burnrate.provider.CursorPages;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of {@code GET /v1/organizations/usage_report/messages} ({@code MessagesUsageReport}). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record AnthropicUsageReport(
        List<Bucket> data,
        @JsonProperty("has_more") Boolean hasMore,
        @JsonProperty("next_page") String nextPage) implements CursorPages.Page {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Bucket(
            @JsonProperty("starting_at") String startingAt,
            @JsonProperty("ending_at") String endingAt,
            List<Result> results) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(
            @JsonProperty("uncached_input_tokens") Long uncachedInputTokens,
            @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens,
            @JsonProperty("cache_creation") CacheCreation cacheCreation,
            @JsonProperty("output_tokens") Long outputTokens,
            String model,
            @JsonProperty("workspace_id") String workspaceId,
            @JsonProperty("service_tier") String serviceTier) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CacheCreation(
            @JsonProperty("ephemeral_5m_input_tokens") Long ephemeral5m,
            @JsonProperty("ephemeral_1h_input_tokens") Long ephemeral1h) {
    }
}
