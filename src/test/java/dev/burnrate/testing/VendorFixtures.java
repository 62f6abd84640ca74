package dev.burnrate.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

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
    /** Builds the fakes' answers. */
    public static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final ObjectMapper JSON = JSON_MAPPER;

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

        /** The days and their charges, in order. */
        public Map<LocalDate, List<Charge>> map() {
            return days;
        }
    }

    /** Forgets the requests received so far and which {@code failFirst} faults were used; the stubs stay. */
    public void register(MappingBuilder mapping) {
        wireMock.register(mapping);
    }

    public void forgetRequests() {
        wireMock.resetRequests();
        wireMock.resetScenarios();
    }

    public void reset() {
        Rendezvous.disarm();
        VendorSwitches.clear();
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

        /** The buckets and their results, in order. */
        public Map<java.time.Instant, List<Tokens>> map() {
            return buckets;
        }

        public Buckets add(java.time.Instant start, Tokens... results) {
            buckets.computeIfAbsent(start, d -> new ArrayList<>()).addAll(List.of(results));
            return this;
        }

        public Buckets day(LocalDate day, Tokens... results) {
            return add(day.atStartOfDay(ZoneOffset.UTC).toInstant(), results);
        }

        /** The same results in every minute of {@code [from, toExclusive)}. */
        public Buckets minutes(java.time.Instant from, java.time.Instant toExclusive, Tokens... results) {
            for (java.time.Instant minute = from; minute.isBefore(toExclusive); minute = minute.plusSeconds(60)) {
                add(minute, results);
            }
            return this;
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
        dev.burnrate.provider.openai.OpenAiFake.serveUsage(this, kind, bucketWidth, buckets, bucketsPerPage);
    }

    /** Anthropic's messages usage report serving {@code buckets} for {@code bucketWidth}; it counts no requests. */
    public void anthropicUsage(String bucketWidth, Buckets buckets, int bucketsPerPage) {
        dev.burnrate.provider.anthropic.AnthropicFake.serveUsage(this, bucketWidth, buckets, bucketsPerPage);
    }

    /** OpenAI Costs API serving {@code days} (amounts are dollars), {@code bucketsPerPage} buckets a page. */
    public void openAi(Days days, int bucketsPerPage) {
        dev.burnrate.provider.openai.OpenAiFake.serveCosts(this, days, bucketsPerPage);
    }

    /** Anthropic cost report serving {@code days} (amounts are decimal strings of cents). */
    public void anthropic(Days days, int bucketsPerPage) {
        dev.burnrate.provider.anthropic.AnthropicFake.serveCosts(this, days, bucketsPerPage);
    }

    /**
     * OpenRouter's activity endpoint serving {@code days} (amounts are dollars) as it does: the last 30 completed
     * days before {@code today}, one item per day and model, nothing for today.
     */
    public void openRouter(Days days, LocalDate today) {
        dev.burnrate.provider.openrouter.OpenRouterFake.serveActivity(this, days, today);
    }

    /** Azure's, BigQuery's and Cost Explorer's endpoints are POSTs; everything else the vendors serve is a GET. */
    private static MappingBuilder stub(String path) {
        return path.equals(AZURE_QUERY) || path.equals(BIGQUERY_QUERIES) || path.equals(COST_EXPLORER)
                ? com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(path)) : get(urlPathEqualTo(path));
    }

    /**
     * The vendors' containment switches answer from {@link VendorSwitches}' state: OpenAI's project spend limits,
     * Anthropic's API keys and OpenRouter's keys.
     */
    public void switches() {
        for (String pattern : List.of("/v1/organization/projects/[^/]+/spend_limit", "/v1/organizations/api_keys.*",
                "/api/v1/keys.*")) {
            wireMock.register(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathMatching(pattern)).atPriority(5)
                    .willReturn(aResponse().withTransformers(VendorSwitches.NAME)));
        }
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

    /**
     * As {@link #failFirst}, for the first request to {@code path} whose query has {@code param} = {@code value}
     * only: requests in flight together on one path (a vendor's daily and hourly buckets) cannot race for it.
     */
    public void failFirstWhere(String path, String param, String value, int status, String body, String retryAfter) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        if (retryAfter != null) {
            response.withHeader("Retry-After", retryAfter);
        }
        wireMock.register(stub(path).atPriority(1).withQueryParam(param, equalTo(value))
                .inScenario("fault-" + path + "-" + param + "-" + value)
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

    /** A Google service-account key JSON, made for the tests, whose token endpoint is this WireMock. */
    public String googleServiceAccountKey() {
        String pem = "-----BEGIN PRIVATE KEY-----\\n" + java.util.Base64.getEncoder()
                .encodeToString(TestKey.PAIR.getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
        return "{\"type\": \"service_account\", \"project_id\": \"billing-proj\", \"private_key_id\": \"k1\", "
                + "\"private_key\": \"" + pem + "\", \"client_email\": \"burnrate@billing-proj.iam.gserviceaccount.com\", "
                + "\"client_id\": \"1\", \"token_uri\": \"http://127.0.0.1:" + port + GOOGLE_TOKEN + "\"}";
    }

    /** The public half of the test service account's key: what Google would verify the token request with. */
    public static java.security.interfaces.RSAPublicKey googlePublicKey() {
        return (java.security.interfaces.RSAPublicKey) TestKey.PAIR.getPublic();
    }

    /** One RSA key for the whole test run: making a 2048-bit key costs a few hundred milliseconds of CPU each time. */
    private static final class TestKey {
        static final java.security.KeyPair PAIR;

        static {
            try {
                var generator = java.security.KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                PAIR = generator.generateKeyPair();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new ExceptionInInitializerError(e);
            }
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
        dev.burnrate.provider.azure.AzureFake.serveQuery(this, days, rowsPerPage);
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
        dev.burnrate.provider.google.GoogleFake.serveQuery(this, days, rowsPerPage);
    }

    /**
     * Cost Explorer's GetCostAndUsage (AWS JSON 1.1) serving {@code days} as Amazon Bedrock usage types in USD,
     * {@code daysPerPage} days a page linked by {@code NextPageToken}.
     */
    public void bedrock(Days days, int daysPerPage) {
        dev.burnrate.provider.bedrock.BedrockFake.serveCostAndUsage(this, days, daysPerPage);
    }

    /** {@code rows} in pages of {@code perPage}; one empty page when there are none. */
    public static List<List<String>> pages(List<String> rows, int perPage) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += perPage) {
            pages.add(rows.subList(i, (int) Math.min(rows.size(), (long) i + perPage)));
        }
        if (pages.isEmpty()) {
            pages.add(List.of());
        }
        return pages;
    }

    /** Serves {@code buckets} as cursor pages ({@code has_more}/{@code next_page}), OpenAI and Anthropic style. */
    public void stubPages(String path, List<ObjectNode> buckets, int bucketsPerPage, String cursorPrefix) {
        stubPages(path, buckets, bucketsPerPage, cursorPrefix, null);
    }

    /** As above, for one {@code bucket_width}. */
    public void stubPages(String path, List<ObjectNode> buckets, int bucketsPerPage, String cursorPrefix,
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

    /** The seconds of a usage bucket width: {@code 1m}, {@code 1h} or {@code 1d}. */
    public static long widthSeconds(String bucketWidth) {
        return switch (bucketWidth) {
            case "1m" -> 60;
            case "1h" -> 3600;
            case "1d" -> 86400;
            default -> throw new IllegalArgumentException("bucket width " + bucketWidth);
        };
    }

    /** The epoch second a UTC day starts. */
    public static long epoch(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
