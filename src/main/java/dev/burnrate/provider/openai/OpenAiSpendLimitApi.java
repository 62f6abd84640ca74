package dev.burnrate.provider.openai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A project's hard spend limit in OpenAI's Admin API ({@code /v1/organization/projects/{project_id}/spend_limit}):
 * read, create or replace ({@code threshold_amount} in integer cents, {@code currency} USD, {@code interval} month),
 * delete. Needs an Admin key with write access.
 */
@RegisterRestClient(configKey = "openai")
@Path("/v1/organization/projects/{project}/spend_limit")
public interface OpenAiSpendLimitApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response get(@HeaderParam("Authorization") String authorization, @PathParam("project") String project);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response set(@HeaderParam("Authorization") String authorization, @PathParam("project") String project,
            JsonNode body);

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    Response delete(@HeaderParam("Authorization") String authorization, @PathParam("project") String project);
}
