package dev.burnrate.testing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Makes the WireMock Cost Management query behave as Microsoft documents it: only rows inside the request's
 * {@code timePeriod} come back, and a {@code Daily} query reaches back at most 31 days from its {@code to} — an
 * older {@code from} is silently truncated, as Microsoft's guidance warns. Applied to the Azure stubs by name.
 */
public final class AzureQueryWindow implements ResponseTransformerV2 {

    public static final String NAME = "azure-query-window";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        JsonNode request;
        JsonNode answer;
        try {
            request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
            answer = JSON.readTree(response.getBodyAsString());
        } catch (Exception notJson) {
            return response; // a malformed answer is served as it is
        }
        try {
            JsonNode period = request.path("timePeriod");
            if (!period.has("from") || !answer.path("properties").has("rows")) {
                return response;
            }
            LocalDate to = LocalDate.parse(period.get("to").asText().substring(0, 10));
            LocalDate from = LocalDate.parse(period.get("from").asText().substring(0, 10));
            if (from.isBefore(to.minusDays(30))) {
                from = to.minusDays(30);
            }
            int date = -1;
            JsonNode columns = answer.path("properties").path("columns");
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).path("name").asText().equals("UsageDate")) {
                    date = i;
                }
            }
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode row : answer.path("properties").path("rows")) {
                LocalDate day = LocalDate.parse(row.path(date).asText(), YYYYMMDD);
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    kept.add(row);
                }
            }
            ((ObjectNode) answer.get("properties")).set("rows", kept);
            return Response.Builder.like(response).but().body(JSON.writeValueAsString(answer)).build();
        } catch (Exception e) {
            throw new IllegalStateException("could not window the Azure answer", e);
        }
    }
}
