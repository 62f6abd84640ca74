package dev.burnrate.provider.google;

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

/** Cloud Monitoring v3 {@code projects.timeSeries.list}, for the pulse's Vertex AI token counts. */
@RegisterRestClient(configKey = "monitoring")
@Path("/v3/projects/{project}/timeSeries")
public interface GoogleMonitoringApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response timeSeries(@PathParam("project") String project, @QueryParam("filter") String filter,
            @QueryParam("interval.startTime") String startTime, @QueryParam("interval.endTime") String endTime,
            @QueryParam("aggregation.alignmentPeriod") String alignmentPeriod,
            @QueryParam("aggregation.perSeriesAligner") String perSeriesAligner,
            @QueryParam("aggregation.crossSeriesReducer") String crossSeriesReducer,
            @QueryParam("aggregation.groupByFields") List<String> groupByFields,
            @QueryParam("pageToken") String pageToken, @HeaderParam("Authorization") String authorization);
}
