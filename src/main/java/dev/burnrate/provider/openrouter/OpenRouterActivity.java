package dev.burnrate.provider.openrouter;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of {@code GET /api/v1/activity}: one item per day, model and provider endpoint; money in USD. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record OpenRouterActivity(List<Item> data) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(
            String date,
            String model,
            @JsonProperty("provider_name") String providerName,
            BigDecimal usage,
            Long requests,
            @JsonProperty("prompt_tokens") Long promptTokens,
            @JsonProperty("completion_tokens") Long completionTokens,
            @JsonProperty("workspace_id") String workspaceId) {
    }
}
