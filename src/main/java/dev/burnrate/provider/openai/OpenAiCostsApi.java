package dev.burnrate.provider.openai;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** OpenAI's organization Costs API ({@code GET /v1/organization/costs}); needs an Admin API key. */
@RegisterRestClient(configKey = "openai")
@Path("/v1/organization")
public interface OpenAiCostsApi {

    @GET
    @Path("/costs")
    @Produces(MediaType.APPLICATION_JSON)
    Response costs(@HeaderParam("Authorization") String authorization,
            @QueryParam("start_time") long startTime,
            @QueryParam("end_time") long endTime,
            @QueryParam("bucket_width") String bucketWidth,
            @QueryParam("group_by[]") List<String> groupBy,
            @QueryParam("limit") int limit,
            @QueryParam("page") String page);
}
