package dev.burnrate.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.burnrate.provider.CursorPages;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of {@code GET /v1/organizations/cost_report}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record AnthropicCostReport(
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

    /** {@code amount} is a decimal string in cents: {@code "123.45"} is $1.2345. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(
            String amount,
            String currency,
            String description,
            @JsonProperty("cost_type") String costType,
            String model,
            @JsonProperty("workspace_id") String workspaceId) {
    }
}
