package dev.burnrate.provider.google;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** BigQuery over the billing export: {@code jobs.query}, later pages from {@code getQueryResults}. */
public final class GoogleFake implements VendorFake {

    @Override
    public String id() {
        return "google";
    }

    @Override
    public String costPath() {
        return VendorFixtures.BIGQUERY_QUERIES;
    }

    @Override
    public int costRequests(VendorFixtures vendors) {
        return vendors.requests(VendorFixtures.BIGQUERY_QUERIES).size()
                + vendors.requests(VendorFixtures.BIGQUERY_QUERIES + "/job_1").size();
    }

    @Override
    public Charge charge(String usd) {
        return new Charge("p", "Gemini 2.5 Pro", usd);
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        serveQuery(vendors, days, perPage);
    }

    @Override
    public String emptyAnswer() {
        return "{\"jobComplete\": true, " + VendorFixtures.BIGQUERY_SCHEMA + ", \"rows\": []}";
    }

    @Override
    public String eurAnswer() {
        return "{\"jobComplete\": true, " + VendorFixtures.BIGQUERY_SCHEMA + ", \"rows\": ["
                + VendorFixtures.bigQueryRow("2026-11-19", "Gemini API", "s", "p", "EUR", "9.0", "0") + "]}";
    }

    @Override
    public boolean reportsEmptyDays() {
        return false;
    }

    /**
     * BigQuery serving {@code days}, {@code rowsPerPage} rows a page: the first from jobs.query, the others from
     * jobs.getQueryResults of job {@code job_1} by {@code pageToken}.
     */
    public static void serveQuery(VendorFixtures fixtures, Days days, int rowsPerPage) {
        List<String> rows = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            for (Charge charge : charges) {
                rows.add(VendorFixtures.bigQueryRow(day.toString(), "Gemini API", charge.item(),
                        charge.project() == null ? "p" : charge.project(), "USD", charge.amount(), "0"));
            }
        });
        List<List<String>> pages = VendorFixtures.pages(rows, rowsPerPage);
        for (int page = 0; page < pages.size(); page++) {
            String token = page + 1 < pages.size() ? "\"pageToken\": \"p" + (page + 2) + "\", " : "";
            String body = "{\"jobReference\": {\"jobId\": \"job_1\", \"location\": \"US\"}, \"jobComplete\": true, "
                    + VendorFixtures.BIGQUERY_SCHEMA + ", \"totalRows\": \"" + rows.size() + "\", " + token + "\"rows\": ["
                    + String.join(", ", pages.get(page)) + "]}";
            if (page == 0) {
                fixtures.postAnswer(VendorFixtures.BIGQUERY_QUERIES, null, null, 200, body);
            } else {
                fixtures.getAnswer(VendorFixtures.BIGQUERY_QUERIES + "/job_1", "pageToken", "p" + (page + 1), body);
            }
        }
    }

    /**
     * Cloud Monitoring's {@code projects.timeSeries.list} for Vertex AI's
     * {@code aiplatform.googleapis.com/publisher/online_serving/token_count}, aligned to {@code alignmentPeriod}
     * ({@code 60s} or {@code 3600s}): one input and one output series of {@code model}, int64 values as strings.
     */
    public static void serveTokenCounts(VendorFixtures fixtures, String project, String alignmentPeriod, String model,
            java.util.Map<java.time.Instant, long[]> tokens) {
        long seconds = Long.parseLong(alignmentPeriod.replace("s", ""));
        com.fasterxml.jackson.databind.node.ObjectNode body = VendorFixtures.JSON_MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode all = body.putArray("timeSeries");
        String[] types = { "input", "output" };
        for (int k = 0; k < types.length; k++) {
            com.fasterxml.jackson.databind.node.ObjectNode series = all.addObject().put("metricKind", "DELTA")
                    .put("valueType", "INT64");
            series.putObject("metric").put("type", "aiplatform.googleapis.com/publisher/online_serving/token_count")
                    .putObject("labels").put("type", types[k]);
            series.putObject("resource").put("type", "aiplatform.googleapis.com/PublisherModel")
                    .putObject("labels").put("model_user_id", model).put("publisher", "google")
                    .put("location", "us-central1");
            com.fasterxml.jackson.databind.node.ArrayNode points = series.putArray("points");
            int index = k;
            tokens.forEach((at, counts) -> {
                com.fasterxml.jackson.databind.node.ObjectNode point = points.addObject();
                point.putObject("interval").put("startTime", at.toString())
                        .put("endTime", at.plusSeconds(seconds).toString());
                point.putObject("value").put("int64Value", Long.toString(counts[index]));
            });
        }
        fixtures.register(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v3/projects/" + project
                        + "/timeSeries"))
                .withQueryParam("aggregation.alignmentPeriod",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo(alignmentPeriod))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(body.toString())));
    }
}
