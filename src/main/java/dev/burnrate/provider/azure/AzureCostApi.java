package dev.burnrate.provider.azure;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Azure Resource Manager as burnrate reads it: the Cost Management query API (2024-08-01) and, for the pulse, Azure
 * Monitor metrics of the Azure OpenAI accounts (Microsoft.Insights 2023-10-01).
 */
@RegisterRestClient(configKey = "azure")
public interface AzureCostApi {

    @POST
    @Path("/{scope}/providers/Microsoft.CostManagement/query")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response query(@PathParam("scope") @Encoded String scope, @QueryParam("api-version") String apiVersion,
            @QueryParam("$skiptoken") String skipToken, @HeaderParam("Authorization") String authorization,
            JsonNode body);

    @GET
    @Path("/{resource}/providers/Microsoft.Insights/metrics")
    @Produces(MediaType.APPLICATION_JSON)
    Response metrics(@PathParam("resource") @Encoded String resource, @QueryParam("api-version") String apiVersion,
            @QueryParam("metricnames") String metricNames, @QueryParam("timespan") String timespan,
            @QueryParam("interval") String interval, @QueryParam("aggregation") String aggregation,
            @QueryParam("$filter") String filter, @HeaderParam("Authorization") String authorization);
}
