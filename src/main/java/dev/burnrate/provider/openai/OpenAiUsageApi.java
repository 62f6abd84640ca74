package dev.burnrate.provider.openai;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** OpenAI's organization Usage API ({@code GET /v1/organization/usage/{kind}}); needs an Admin API key. */
@RegisterRestClient(configKey = "openai")
@Path("/v1/organization/usage")
public interface OpenAiUsageApi {

    @GET
    @Path("/{kind}")
    @Produces(MediaType.APPLICATION_JSON)
    Response usage(@HeaderParam("Authorization") String authorization,
            @PathParam("kind") String kind,
            @QueryParam("start_time") long startTime,
            @QueryParam("end_time") long endTime,
            @QueryParam("bucket_width") String bucketWidth,
            @QueryParam("group_by[]") List<String> groupBy,
            @QueryParam("limit") int limit,
            @QueryParam("page") String page);
}
