package dev.burnrate.provider.openai;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.burnrate.provider.CursorPages;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of {@code GET /v1/organization/costs} (OpenAI's {@code UsageResponse} of cost buckets). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record OpenAiCostsPage(
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

    /** {@code organization.costs.result}: {@code amount.value} is in dollars. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Result(
            Amount amount,
            @JsonProperty("line_item") String lineItem,
            @JsonProperty("project_id") String projectId,
            BigDecimal quantity,
            @JsonProperty("quantity_unit") String quantityUnit) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Amount(BigDecimal value, String currency) {
    }
}
