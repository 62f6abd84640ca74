package dev.burnrate.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Serves vendor admin APIs from WireMock in the shapes the vendors document (see
 * shared/reference/vendor-apis.md): OpenAI's costs pages and Anthropic's cost report, split into pages
 * linked by {@code next_page} cursors.
 */
public final class VendorFixtures {

    public static final String OPENAI_COSTS = "/v1/organization/costs";
    public static final String ANTHROPIC_COSTS = "/v1/organizations/cost_report";
    public static final String OPENROUTER_ACTIVITY = "/api/v1/activity";
    public static final String OPENAI_USAGE = "/v1/organization/usage";
    /** Cost Explorer's JSON 1.1 endpoint when burnrate.bedrock.endpoint-override points at WireMock. */
    public static final String COST_EXPLORER = "/";
    public static final String OPENAI_COMPLETIONS_USAGE = OPENAI_USAGE + "/completions";
    public static final String ANTHROPIC_USAGE = "/v1/organizations/usage_report/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMock wireMock;
    private final int port;

    public VendorFixtures(int port) {
        this.wireMock = new WireMock("127.0.0.1", port);
        this.port = port;
    }

    /** One charge of one day: project/workspace, the vendor's label, the amount in the vendor's own unit. */
    public record Charge(String project, String item, String amount) {
    }

    /** Days and their charges, in order. */
    public static final class Days {
        private final TreeMap<LocalDate, List<Charge>> days = new TreeMap<>();

        public Days add(LocalDate day, Charge... charges) {
            days.computeIfAbsent(day, d -> new ArrayList<>()).addAll(List.of(charges));
            return this;
        }

        /** The same charges on every day of {@code [from, toInclusive]}. */
        public Days every(LocalDate from, LocalDate toInclusive, Charge... charges) {
            for (LocalDate day = from; !day.isAfter(toInclusive); day = day.plusDays(1)) {
                add(day, charges);
            }
            return this;
        }

        Map<LocalDate, List<Charge>> map() {
            return days;
        }
    }

    /** Forgets the requests received so far and which {@code failFirst} faults were used; the stubs stay. */
    public void forgetRequests() {
        wireMock.resetRequests();
        wireMock.resetScenarios();
    }

    public void reset() {
        wireMock.resetMappings();
        wireMock.resetRequests();
        // usage endpoints answer "no buckets" unless a test serves usage: nothing is stored from them
        String empty = "{\"object\": \"page\", \"data\": [], \"has_more\": false, \"next_page\": null}";
        wireMock.register(get(urlPathMatching(OPENAI_USAGE + "/.*")).atPriority(9).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(empty)));
        wireMock.register(get(urlPathEqualTo(ANTHROPIC_USAGE)).atPriority(9).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(empty)));
    }

    /**
     * One usage result: tokens (cache reads and writes are part of input, as OpenAI counts them) and requests of
     * one model in one project or workspace.
     */
    public record Tokens(String project, String model, long input, long cached, long cacheWrite, long output,
            long requests, String serviceTier) {

        public Tokens(String project, String model, long input, long cached, long cacheWrite, long output,
                long requests) {
            this(project, model, input, cached, cacheWrite, output, requests, null);
        }

        public Tokens(String project, String model, long input, long cached, long output, long requests) {
            this(project, model, input, cached, 0, output, requests, null);
        }

        /** The same, served with Anthropic's {@code service_tier} ({@code standard}, {@code priority}, ...). */
        public Tokens inTier(String tier) {
            return new Tokens(project, model, input, cached, cacheWrite, output, requests, tier);
        }
    }

    /** Usage buckets (days or hours) and their results, in order. */
    public static final class Buckets {
        private final TreeMap<java.time.Instant, List<Tokens>> buckets = new TreeMap<>();

        public Buckets add(java.time.Instant start, Tokens... results) {
            buckets.computeIfAbsent(start, d -> new ArrayList<>()).addAll(List.of(results));
            return this;
        }

        public Buckets day(LocalDate day, Tokens... results) {
            return add(day.atStartOfDay(ZoneOffset.UTC).toInstant(), results);
        }

        /** The same results in every hour of {@code [from, toExclusive)}. */
        public Buckets hours(java.time.Instant from, java.time.Instant toExclusive, Tokens... results) {
            for (java.time.Instant hour = from; hour.isBefore(toExclusive); hour = hour.plusSeconds(3600)) {
                add(hour, results);
            }
            return this;
        }
    }

    /**
     * OpenAI's usage endpoint {@code kind} serving {@code buckets} for {@code bucketWidth} ({@code 1d} or {@code 1h}):
     * completions count tokens, embeddings input tokens, images images (the {@code input} figure).
     */
    public void openAiUsage(String kind, String bucketWidth, Buckets buckets, int bucketsPerPage) {
        List<ObjectNode> bodies = new ArrayList<>();
        buckets.buckets.forEach((start, results) -> {
            ObjectNode bucket = JSON.createObjectNode().put("object", "bucket").put("start_time", start.getEpochSecond())
                    .put("end_time", start.getEpochSecond() + ("1h".equals(bucketWidth) ? 3600 : 86400));
            ArrayNode array = bucket.putArray("results");
            for (Tokens t : results) {
                ObjectNode r = array.addObject().put("object", "organization.usage." + kind + ".result");
                if (kind.equals("images")) {
                    r.put("images", t.input()).put("source", "image.generation").put("size", "1024x1024");
                } else {
                    r.put("input_tokens", t.input());
                    if (kind.equals("completions")) {
                        r.put("input_cached_tokens", t.cached()).put("input_cache_write_tokens", t.cacheWrite())
                                .put("input_uncached_tokens", t.input() - t.cached() - t.cacheWrite())
                                .put("output_tokens", t.output())
                                .put("input_audio_tokens", 0).put("output_audio_tokens", 0).putNull("batch")
                                .putNull("service_tier");
                    }
                }
                r.put("num_model_requests", t.requests()).put("project_id", t.project()).putNull("user_id")
                        .putNull("api_key_id").put("model", t.model());
            }
            bodies.add(bucket);
        });
        stubPages(OPENAI_USAGE + "/" + kind, bodies, bucketsPerPage, "usage_" + bucketWidth + "_", bucketWidth);
    }

    /** Anthropic's messages usage report serving {@code buckets} for {@code bucketWidth}; it counts no requests. */
    public void anthropicUsage(String bucketWidth, Buckets buckets, int bucketsPerPage) {
        List<ObjectNode> bodies = new ArrayList<>();
        buckets.buckets.forEach((start, results) -> {
            ObjectNode bucket = JSON.createObjectNode().put("starting_at", start.toString())
                    .put("ending_at", start.plusSeconds("1h".equals(bucketWidth) ? 3600 : 86400).toString());
            ArrayNode array = bucket.putArray("results");
            for (Tokens t : results) {
                ObjectNode r = array.addObject().put("uncached_input_tokens", t.input() - t.cached() - t.cacheWrite())
                        .put("cache_read_input_tokens", t.cached());
                r.putObject("cache_creation").put("ephemeral_5m_input_tokens", t.cacheWrite())
                        .put("ephemeral_1h_input_tokens", 0);
                r.put("output_tokens", t.output());
                r.putObject("server_tool_use").put("web_search_requests", 0);
                r.put("model", t.model()).put("workspace_id", t.project()).putNull("api_key_id")
                        .put("service_tier", t.serviceTier()).putNull("context_window").putNull("inference_geo");
            }
            bodies.add(bucket);
        });
        stubPages(ANTHROPIC_USAGE, bodies, bucketsPerPage, "usage_" + bucketWidth + "_", bucketWidth);
    }

    /** OpenAI Costs API serving {@code days} (amounts are dollars), {@code bucketsPerPage} buckets a page. */
    public void openAi(Days days, int bucketsPerPage) {
        List<ObjectNode> buckets = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            ObjectNode bucket = JSON.createObjectNode().put("object", "bucket")
                    .put("start_time", epoch(day)).put("end_time", epoch(day.plusDays(1)));
            ArrayNode results = bucket.putArray("results");
            for (Charge charge : charges) {
                ObjectNode result = results.addObject().put("object", "organization.costs.result");
                result.putObject("amount").put("value", new BigDecimal(charge.amount())).put("currency", "usd");
                result.put("line_item", charge.item()).put("project_id", charge.project()).putNull("api_key_id");
                result.put("quantity", 1000).put("quantity_unit", "tokens");
            }
            buckets.add(bucket);
        });
        stubPages(OPENAI_COSTS, buckets, bucketsPerPage, "page_");
    }

    /** Anthropic cost report serving {@code days} (amounts are decimal strings of cents). */
    public void anthropic(Days days, int bucketsPerPage) {
        List<ObjectNode> buckets = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            ObjectNode bucket = JSON.createObjectNode()
                    .put("starting_at", day.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                    .put("ending_at", day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
            ArrayNode results = bucket.putArray("results");
            for (Charge charge : charges) {
                results.addObject().put("amount", charge.amount()).put("currency", "USD")
                        .put("description", charge.item()).put("cost_type", "tokens")
                        .put("model", "claude-sonnet-4-5-20250929").put("token_type", "uncached_input_tokens")
                        .put("service_tier", "standard").put("context_window", "0-200k").putNull("inference_geo")
                        .put("workspace_id", charge.project());
            }
            buckets.add(bucket);
        });
        stubPages(ANTHROPIC_COSTS, buckets, bucketsPerPage, "page_");
    }

    /**
     * OpenRouter's activity endpoint serving {@code days} (amounts are dollars) as it does: the last 30 completed
     * days before {@code today}, one item per day and model, nothing for today.
     */
    public void openRouter(Days days, LocalDate today) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        days.map().forEach((day, charges) -> {
            if (day.isBefore(today) && !day.isBefore(today.minusDays(30))) {
                for (Charge charge : charges) {
                    data.addObject().put("date", day.toString()).put("model", charge.item())
                            .put("model_permaslug", charge.item()).put("endpoint_id", "ep_1")
                            .put("provider_name", "Anthropic").put("usage", new BigDecimal(charge.amount()))
                            .put("byok_usage_inference", 0).put("requests", 10).put("prompt_tokens", 1000)
                            .put("completion_tokens", 200).put("reasoning_tokens", 0)
                            .put("workspace_id", charge.project());
                }
            }
        });
        wireMock.register(get(urlPathEqualTo(OPENROUTER_ACTIVITY)).atPriority(5).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(body.toString())));
        wireMock.register(get(urlPathEqualTo("/api/v1/credits")).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\": {\"total_credits\": 500.0, \"total_usage\": 312.4481}}")));
    }

    /** Azure's, BigQuery's and Cost Explorer's endpoints are POSTs; everything else the vendors serve is a GET. */
    private static MappingBuilder stub(String path) {
        return path.equals(AZURE_QUERY) || path.equals(BIGQUERY_QUERIES) || path.equals(COST_EXPLORER)
                ? com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(path)) : get(urlPathEqualTo(path));
    }

    /** The vendor answers every request with {@code status} and {@code body}. */
    public void answer(String path, int status, String body) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        wireMock.register(stub(path).atPriority(1).willReturn(path.equals(AZURE_QUERY)
                ? response.withTransformers(AzureQueryWindow.NAME) : response));
    }

    /** The vendor serves a fixed JSON body from src/test/resources/fixtures. */
    public void serveFile(String path, String fixture) {
        wireMock.register(get(urlPathEqualTo(path)).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile(fixture)));
    }

    /**
     * The vendor's first answer is {@code status} with {@code body} (and a Retry-After header when given); later
     * requests get the ordinary stubs.
     */
    public void failFirst(String path, int status, String body, String retryAfter) {
        failFirstWithHeaders(path, status, body, retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter));
    }

    /** The first request to {@code path} gets this answer with these headers; later ones are served as before. */
    public void failFirstWithHeaders(String path, int status, String body, Map<String, String> headers) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        headers.forEach(response::withHeader);
        wireMock.register(stub(path).atPriority(1).inScenario("fault-" + path)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("answered").willReturn(response));
    }

    /** The vendor answers only after {@code millis}. */
    public void slow(String path, int millis) {
        wireMock.register(stub(path).atPriority(1).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(millis)
                .withBody("{\"data\": [], \"has_more\": false, \"next_page\": null}")));
    }

    /** A POST endpoint at {@code path} answering {@code status} and {@code body} to requests whose query has {@code param}. */
    public void postAnswer(String path, String param, String value, int status, String body) {
        MappingBuilder request = com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(path))
                .atPriority(value == null ? 5 : 4);
        if (param != null) {
            request.withQueryParam(param, value == null ? absent() : equalTo(value));
        }
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        // Cost Management answers only for the query's time period, and at most 31 days of it
        wireMock.register(request.willReturn(path.equals(AZURE_QUERY)
                ? response.withTransformers(AzureQueryWindow.NAME) : response));
    }

    /** A GET endpoint at {@code path} answering {@code body} to requests whose query has {@code param} = {@code value}. */
    public void getAnswer(String path, String param, String value, String body) {
        wireMock.register(get(urlPathEqualTo(path)).atPriority(4).withQueryParam(param, equalTo(value))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** Paths of the Google and Azure fakes used by the tests. */
    public static final String GOOGLE_TOKEN = "/token";
    public static final String BIGQUERY_QUERIES = "/bigquery/v2/projects/billing-proj/queries";
    public static final String AZURE_TOKEN = "/tenant-1/oauth2/v2.0/token";
    public static final String AZURE_QUERY = "/subscriptions/00000000-0000-0000-0000-000000000001/providers/"
            + "Microsoft.CostManagement/query";
    public static final String BIGQUERY_SCHEMA = "\"schema\": {\"fields\": [{\"name\": \"day\", \"type\": \"STRING\"}, "
            + "{\"name\": \"service\", \"type\": \"STRING\"}, {\"name\": \"sku\", \"type\": \"STRING\"}, "
            + "{\"name\": \"project\", \"type\": \"STRING\"}, {\"name\": \"currency\", \"type\": \"STRING\"}, "
            + "{\"name\": \"cost\", \"type\": \"STRING\"}, {\"name\": \"credits\", \"type\": \"STRING\"}]}";
    public static final String AZURE_COLUMNS = "\"columns\": [{\"name\": \"Cost\", \"type\": \"Number\"}, "
            + "{\"name\": \"UsageDate\", \"type\": \"Number\"}, {\"name\": \"MeterSubCategory\", \"type\": \"String\"}, "
            + "{\"name\": \"ResourceId\", \"type\": \"String\"}, {\"name\": \"Currency\", \"type\": \"String\"}]";

    /** A Google service-account key JSON, made for the test, whose token endpoint is this WireMock. */
    public String googleServiceAccountKey() {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\\n" + java.util.Base64.getEncoder()
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
            return "{\"type\": \"service_account\", \"project_id\": \"billing-proj\", \"private_key_id\": \"k1\", "
                    + "\"private_key\": \"" + pem + "\", \"client_email\": \"burnrate@billing-proj.iam.gserviceaccount.com\", "
                    + "\"client_id\": \"1\", \"token_uri\": \"http://127.0.0.1:" + port + GOOGLE_TOKEN + "\"}";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The OAuth token endpoints of Google and Entra ID, both answering with a test token. */
    public void tokens() {
        postAnswer(GOOGLE_TOKEN, null, null, 200,
                "{\"access_token\": \"ya29.test-token\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}");
        postAnswer(AZURE_TOKEN, null, null, 200,
                "{\"token_type\": \"Bearer\", \"expires_in\": 3599, \"access_token\": \"eyJ0-test-token\"}");
    }

    /** One BigQuery row in the REST shape: {@code {"f": [{"v": ...}, ...]}}. */
    public static String bigQueryRow(String... values) {
        StringBuilder row = new StringBuilder("{\"f\": [");
        for (int i = 0; i < values.length; i++) {
            row.append(i == 0 ? "" : ", ").append("{\"v\": \"").append(values[i]).append("\"}");
        }
        return row.append("]}").toString();
    }

    /** A webhook at {@code path} that answers {@code status}. */
    public void webhook(String path, int status, String body) {
        wireMock.register(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(path))
                .willReturn(aResponse().withStatus(status).withBody(body)));
    }

    public List<LoggedRequest> posts(String path) {
        return wireMock.find(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo(path)));
    }

    public List<LoggedRequest> requests(String path) {
        return wireMock.find(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.newRequestPattern(
                com.github.tomakehurst.wiremock.http.RequestMethod.ANY, urlPathEqualTo(path)));
    }

    /** Azure's query endpoint serving {@code days} (amounts in USD) in one page. */
    public void azure(Days days) {
        azure(days, Integer.MAX_VALUE);
    }

    /** Azure's query endpoint serving {@code days}, {@code rowsPerPage} rows a page linked by {@code nextLink}. */
    public void azure(Days days, int rowsPerPage) {
        List<String> rows = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            for (Charge charge : charges) {
                rows.add("[" + charge.amount() + ", " + day.toString().replace("-", "") + ", \"" + charge.item()
                        + "\", \"/subscriptions/s/accounts/" + charge.project() + "\", \"USD\"]");
            }
        });
        List<List<String>> pages = pages(rows, rowsPerPage);
        for (int page = 0; page < pages.size(); page++) {
            String next = page + 1 < pages.size() ? "\"https://management.azure.com" + AZURE_QUERY
                    + "?api-version=2024-08-01&$skiptoken=page" + (page + 2) + "\"" : "null";
            postAnswer(AZURE_QUERY, "$skiptoken", page == 0 ? null : "page" + (page + 1), 200,
                    "{\"properties\": {\"nextLink\": " + next + ", " + AZURE_COLUMNS + ", \"rows\": ["
                            + String.join(", ", pages.get(page)) + "]}}");
        }
    }

    /** BigQuery's jobs.query serving {@code days} (amounts in USD) in one page. */
    public void google(Days days) {
        google(days, Integer.MAX_VALUE);
    }

    /**
     * BigQuery serving {@code days}, {@code rowsPerPage} rows a page: the first from jobs.query, the others from
     * jobs.getQueryResults of job {@code job_1} by {@code pageToken}.
     */
    public void google(Days days, int rowsPerPage) {
        List<String> rows = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            for (Charge charge : charges) {
                rows.add(bigQueryRow(day.toString(), "Gemini API", charge.item(),
                        charge.project() == null ? "p" : charge.project(), "USD", charge.amount(), "0"));
            }
        });
        List<List<String>> pages = pages(rows, rowsPerPage);
        for (int page = 0; page < pages.size(); page++) {
            String token = page + 1 < pages.size() ? "\"pageToken\": \"p" + (page + 2) + "\", " : "";
            String body = "{\"jobReference\": {\"jobId\": \"job_1\", \"location\": \"US\"}, \"jobComplete\": true, "
                    + BIGQUERY_SCHEMA + ", \"totalRows\": \"" + rows.size() + "\", " + token + "\"rows\": ["
                    + String.join(", ", pages.get(page)) + "]}";
            if (page == 0) {
                postAnswer(BIGQUERY_QUERIES, null, null, 200, body);
            } else {
                getAnswer(BIGQUERY_QUERIES + "/job_1", "pageToken", "p" + (page + 1), body);
            }
        }
    }

    /**
     * Cost Explorer's GetCostAndUsage (AWS JSON 1.1) serving {@code days} as Amazon Bedrock usage types in USD,
     * {@code daysPerPage} days a page linked by {@code NextPageToken}.
     */
    public void bedrock(Days days, int daysPerPage) {
        List<String> results = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            List<String> groups = new ArrayList<>();
            for (Charge charge : charges) {
                groups.add("{\"Keys\": [\"Amazon Bedrock\", \"" + charge.item() + "\"], \"Metrics\": "
                        + "{\"UnblendedCost\": {\"Amount\": \"" + charge.amount() + "\", \"Unit\": \"USD\"}}}");
            }
            results.add("{\"TimePeriod\": {\"Start\": \"" + day + "\", \"End\": \"" + day.plusDays(1)
                    + "\"}, \"Total\": {}, \"Estimated\": false, \"Groups\": [" + String.join(", ", groups) + "]}");
        });
        List<List<String>> pages = pages(results, daysPerPage);
        for (int page = 0; page < pages.size(); page++) {
            String token = page + 1 < pages.size() ? ", \"NextPageToken\": \"t" + (page + 2) + "\"" : "";
            MappingBuilder request = com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(COST_EXPLORER))
                    .atPriority(5).withHeader("X-Amz-Target", equalTo("AWSInsightsIndexService.GetCostAndUsage"))
                    .withRequestBody(page == 0
                            ? com.github.tomakehurst.wiremock.client.WireMock.notContaining("NextPageToken")
                            : com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.NextPageToken",
                                    equalTo("t" + (page + 1))));
            wireMock.register(request.willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"ResultsByTime\": [" + String.join(", ", pages.get(page)) + "], "
                            + "\"DimensionValueAttributes\": []" + token + "}")));
        }
    }

    private static List<List<String>> pages(List<String> rows, int perPage) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += perPage) {
            pages.add(rows.subList(i, (int) Math.min(rows.size(), (long) i + perPage)));
        }
        if (pages.isEmpty()) {
            pages.add(List.of());
        }
        return pages;
    }

    private void stubPages(String path, List<ObjectNode> buckets, int bucketsPerPage, String cursorPrefix) {
        stubPages(path, buckets, bucketsPerPage, cursorPrefix, null);
    }

    private void stubPages(String path, List<ObjectNode> buckets, int bucketsPerPage, String cursorPrefix,
            String bucketWidth) {
        int pages = Math.max(1, (buckets.size() + bucketsPerPage - 1) / bucketsPerPage);
        for (int page = 0; page < pages; page++) {
            ObjectNode body = JSON.createObjectNode();
            if (path.startsWith("/v1/organization/")) {
                body.put("object", "page");
            }
            ArrayNode data = body.putArray("data");
            buckets.subList(page * bucketsPerPage, Math.min(buckets.size(), (page + 1) * bucketsPerPage))
                    .forEach(data::add);
            boolean more = page < pages - 1;
            body.put("has_more", more);
            if (more) {
                body.put("next_page", cursorPrefix + (page + 1));
            } else {
                body.putNull("next_page");
            }
            MappingBuilder request = get(urlPathEqualTo(path)).atPriority(5)
                    .withQueryParam("page", page == 0 ? absent() : equalTo(cursorPrefix + page));
            if (bucketWidth != null) {
                request.withQueryParam("bucket_width", equalTo(bucketWidth));
            }
            wireMock.register(request.willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body.toString())));
        }
    }

    private static long epoch(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
