package dev.burnrate.provider.azure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** Azure Cost Management's query: positional rows, {@code nextLink} pages, at most 31 days a query. */
public final class AzureFake implements VendorFake {

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public String costPath() {
        return VendorFixtures.AZURE_QUERY;
    }

    @Override
    public Charge charge(String usd) {
        return new Charge("prod-openai", "Azure OpenAI GPT5", usd);
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        serveQuery(vendors, days, perPage);
    }

    @Override
    public String emptyAnswer() {
        return "{\"properties\": {\"nextLink\": null, " + VendorFixtures.AZURE_COLUMNS + ", \"rows\": []}}";
    }

    @Override
    public String eurAnswer() {
        return "{\"properties\": {\"nextLink\": null, " + VendorFixtures.AZURE_COLUMNS
                + ", \"rows\": [[9.0, 20261119, \"Azure OpenAI GPT5\", \"/x/accounts/a\", \"EUR\"]]}}";
    }

    @Override
    public boolean reportsEmptyDays() {
        return false;
    }

    /** Azure's query endpoint serving {@code days}, {@code rowsPerPage} rows a page linked by {@code nextLink}. */
    public static void serveQuery(VendorFixtures fixtures, Days days, int rowsPerPage) {
        List<String> rows = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            for (Charge charge : charges) {
                rows.add("[" + charge.amount() + ", " + day.toString().replace("-", "") + ", \"" + charge.item()
                        + "\", \"/subscriptions/s/accounts/" + charge.project() + "\", \"USD\"]");
            }
        });
        List<List<String>> pages = VendorFixtures.pages(rows, rowsPerPage);
        for (int page = 0; page < pages.size(); page++) {
            String next = page + 1 < pages.size() ? "\"https://management.azure.com" + VendorFixtures.AZURE_QUERY
                    + "?api-version=2024-08-01&$skiptoken=page" + (page + 2) + "\"" : "null";
            fixtures.postAnswer(VendorFixtures.AZURE_QUERY, "$skiptoken", page == 0 ? null : "page" + (page + 1), 200,
                    "{\"properties\": {\"nextLink\": " + next + ", " + VendorFixtures.AZURE_COLUMNS + ", \"rows\": ["
                            + String.join(", ", pages.get(page)) + "]}}");
        }
    }

    /**
     * Azure Monitor's metrics of one Azure OpenAI account (Microsoft.Insights 2023-10-01) at {@code interval}
     * ({@code PT1M} or {@code PT1H}): {@code ProcessedPromptTokens} and {@code GeneratedTokens} (Total) of one
     * deployment and model, {@code tokens[0]} prompt and {@code tokens[1]} generated per bucket.
     */
    public static void serveMetrics(VendorFixtures fixtures, String resource, String interval, String deployment,
            String model, java.util.Map<java.time.Instant, long[]> tokens) {
        com.fasterxml.jackson.databind.node.ObjectNode body = VendorFixtures.JSON_MAPPER.createObjectNode()
                .put("cost", 0).put("interval", interval).put("namespace", "Microsoft.CognitiveServices/accounts")
                .put("resourceregion", "eastus");
        com.fasterxml.jackson.databind.node.ArrayNode value = body.putArray("value");
        String[] names = { "ProcessedPromptTokens", "GeneratedTokens" };
        for (int k = 0; k < names.length; k++) {
            com.fasterxml.jackson.databind.node.ObjectNode metric = value.addObject()
                    .put("id", resource + "/providers/Microsoft.Insights/metrics/" + names[k])
                    .put("type", "Microsoft.Insights/metrics").put("unit", "Count").put("errorCode", "Success");
            metric.putObject("name").put("value", names[k]).put("localizedValue", names[k]);
            com.fasterxml.jackson.databind.node.ObjectNode series = metric.putArray("timeseries").addObject();
            com.fasterxml.jackson.databind.node.ArrayNode meta = series.putArray("metadatavalues");
            com.fasterxml.jackson.databind.node.ObjectNode d = meta.addObject().put("value", deployment);
            d.putObject("name").put("value", "modeldeploymentname").put("localizedValue", "ModelDeploymentName");
            com.fasterxml.jackson.databind.node.ObjectNode m = meta.addObject().put("value", model);
            m.putObject("name").put("value", "modelname").put("localizedValue", "ModelName");
            com.fasterxml.jackson.databind.node.ArrayNode data = series.putArray("data");
            int index = k;
            tokens.forEach((at, counts) -> data.addObject().put("timeStamp", at.toString())
                    .put("total", (double) counts[index]));
        }
        fixtures.register(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(resource
                        + "/providers/Microsoft.Insights/metrics"))
                .withQueryParam("interval", com.github.tomakehurst.wiremock.client.WireMock.equalTo(interval))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(body.toString())));
    }
}
