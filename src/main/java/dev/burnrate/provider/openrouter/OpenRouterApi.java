package dev.burnrate.provider.openrouter;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** OpenRouter's activity endpoint ({@code GET /api/v1/activity}); needs a management key. */
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
}
