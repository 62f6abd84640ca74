package dev.burnrate.provider.openrouter;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * OpenRouter's activity, credits and API keys endpoints ({@code /api/v1/activity}, {@code /api/v1/credits},
 * {@code /api/v1/keys}); all need a management key.
 */
@RegisterRestClient(configKey = "openrouter")
@Path("/api/v1")
public interface OpenRouterApi {

    /** Spend per day, model and endpoint for the last 30 completed UTC days (today is not included). */
    @GET
    @Path("/activity")
    @Produces(MediaType.APPLICATION_JSON)
    Response activity(@HeaderParam("Authorization") String authorization, @QueryParam("group_by") String groupBy);

    /** Credits bought and used, in USD ({@code GET /api/v1/credits}); needs a management key. */
    @GET
    @Path("/credits")
    @Produces(MediaType.APPLICATION_JSON)
    Response credits(@HeaderParam("Authorization") String authorization);

    /** The API keys with their usage today and this month ({@code GET /api/v1/keys}), 100 a page. */
    @GET
    @Path("/keys")
    @Produces(MediaType.APPLICATION_JSON)
    Response keys(@HeaderParam("Authorization") String authorization, @QueryParam("offset") int offset);

    /** One API key ({@code GET /api/v1/keys/{hash}}). */
    @GET
    @Path("/keys/{hash}")
    @Produces(MediaType.APPLICATION_JSON)
    Response key(@HeaderParam("Authorization") String authorization, @PathParam("hash") String hash);

    /** Changes an API key ({@code PATCH /api/v1/keys/{hash}}: {@code disabled}, {@code limit}, ...). */
    @PATCH
    @Path("/keys/{hash}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response updateKey(@HeaderParam("Authorization") String authorization, @PathParam("hash") String hash,
            com.fasterxml.jackson.databind.JsonNode body);
}
