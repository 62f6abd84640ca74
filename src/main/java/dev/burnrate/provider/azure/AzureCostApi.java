package dev.burnrate.provider.azure;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
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

/** Azure Cost Management query API, 2024-08-01. */
@RegisterRestClient(configKey = "azure")
public interface AzureCostApi {

    @POST
    @Path("/{scope}/providers/Microsoft.CostManagement/query")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response query(@PathParam("scope") @Encoded String scope, @QueryParam("api-version") String apiVersion,
            @QueryParam("$skiptoken") String skipToken, @HeaderParam("Authorization") String authorization,
            JsonNode body);
}
