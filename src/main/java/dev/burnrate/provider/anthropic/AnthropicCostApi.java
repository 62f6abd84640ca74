package dev.burnrate.provider.anthropic;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Anthropic's Admin API cost report ({@code GET /v1/organizations/cost_report}) and messages usage report
 * ({@code GET /v1/organizations/usage_report/messages}); both need an Admin key.
 */
@RegisterRestClient(configKey = "anthropic")
@Path("/v1/organizations")
@ClientHeaderParam(name = "anthropic-version", value = "2023-06-01")
public interface AnthropicCostApi {

    @GET
    @Path("/cost_report")
    @Produces(MediaType.APPLICATION_JSON)
    Response costReport(@HeaderParam("x-api-key") String apiKey,
            @QueryParam("starting_at") String startingAt,
            @QueryParam("ending_at") String endingAt,
            @QueryParam("bucket_width") String bucketWidth,
            @QueryParam("group_by[]") List<String> groupBy,
            @QueryParam("limit") int limit,
            @QueryParam("page") String page);

    @GET
    @Path("/usage_report/messages")
    @Produces(MediaType.APPLICATION_JSON)
    Response usageReport(@HeaderParam("x-api-key") String apiKey,
            @QueryParam("starting_at") String startingAt,
            @QueryParam("ending_at") String endingAt,
            @QueryParam("bucket_width") String bucketWidth,
            @QueryParam("group_by[]") List<String> groupBy,
            @QueryParam("limit") int limit,
            @QueryParam("page") String page);
}
