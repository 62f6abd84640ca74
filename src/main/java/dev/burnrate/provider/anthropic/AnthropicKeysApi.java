package dev.burnrate.provider.anthropic;

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

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * API keys in Anthropic's Admin API: list ({@code GET /v1/organizations/api_keys}, filtered by workspace and status,
 * paged by {@code after_id}) and update ({@code POST /v1/organizations/api_keys/{api_key_id}} with a {@code status}
 * of active or inactive). Needs an Admin key.
 */
@RegisterRestClient(configKey = "anthropic")
@Path("/v1/organizations/api_keys")
@ClientHeaderParam(name = "anthropic-version", value = "2023-06-01")
public interface AnthropicKeysApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response list(@HeaderParam("x-api-key") String apiKey, @QueryParam("workspace_id") String workspaceId,
            @QueryParam("status") String status, @QueryParam("limit") int limit,
            @QueryParam("after_id") String afterId);

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response update(@HeaderParam("x-api-key") String apiKey, @PathParam("id") String id, JsonNode body);
}
