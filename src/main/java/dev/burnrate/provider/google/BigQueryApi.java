package dev.burnrate.provider.google;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** BigQuery REST: {@code jobs.query} and {@code jobs.getQueryResults}. */
@RegisterRestClient(configKey = "bigquery")
@Path("/bigquery/v2/projects/{project}/queries")
public interface BigQueryApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response query(@PathParam("project") String project, @HeaderParam("Authorization") String authorization,
            JsonNode request);

    @GET
    @Path("/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    Response results(@PathParam("project") String project, @PathParam("jobId") String jobId,
            @QueryParam("location") String location, @QueryParam("pageToken") String pageToken,
            @QueryParam("timeoutMs") int timeoutMs, @HeaderParam("Authorization") String authorization);
}
