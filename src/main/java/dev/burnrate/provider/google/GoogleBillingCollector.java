package dev.burnrate.provider.google;

import static dev.burnrate.provider.VendorHttp.require;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.config.Secrets;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;
import dev.burnrate.provider.DailyCosts;
import dev.burnrate.provider.UsageLine;
import dev.burnrate.provider.VendorCalls;
import dev.burnrate.provider.VendorCollector;
import dev.burnrate.provider.VendorException;

/**
 * Gemini API and Vertex AI spend from the Cloud Billing export in BigQuery: a {@code jobs.query} summing cost per
 * UTC day, service, SKU and project, with credits as negative lines. The service-account token comes from
 * {@link GoogleTokens} ({@code googleServiceAccount} in the secret: the key JSON, kept across warm invocations), scoped
 * {@code cloud-platform.read-only}, one of the scopes BigQuery's discovery document lists for {@code jobs.query} and
 * {@code jobs.getQueryResults}. Only days with rows are written; Google's export lags by hours to a day.
 * <p>
 * The query reads only the export's partitions that can hold the window ({@code _PARTITIONTIME} from a day before
 * it: a row lands in the partition of the day it was exported, never before its usage) and is capped by
 * {@code maximumBytesBilled}; the bytes it billed are in the report. Amounts are in the billing account's currency;
 * {@code cost / currency_conversion_rate} (Google's own rate, per row) gives the dollars that count.
 */
@ApplicationScoped
public class GoogleBillingCollector implements VendorCollector {

    static final String ENDPOINT = "POST bigquery jobs.query";
    static final String SECRET = "googleServiceAccount";
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform.read-only";
    private static final Pattern TABLE = Pattern.compile("^[A-Za-z0-9_-]+([.:][A-Za-z0-9_-]+){2}$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_POLLS = 20;

    private final BigQueryApi bigQuery;
    private final VendorCalls calls;
    private final GoogleConfig config;
    private final GoogleTokens tokens;

    static final String MONITORING_ENDPOINT = "GET monitoring timeSeries.list";
    static final String MONITORING_SCOPE = "https://www.googleapis.com/auth/monitoring.read";
    static final String TOKEN_METRIC = "aiplatform.googleapis.com/publisher/online_serving/token_count";

    private final GoogleMonitoringApi monitoring;

    GoogleBillingCollector(@RestClient BigQueryApi bigQuery, VendorCalls calls, GoogleConfig config,
            GoogleTokens tokens, @RestClient GoogleMonitoringApi monitoring) {
        this.monitoring = monitoring;
        this.tokens = tokens;
        this.bigQuery = bigQuery;
        this.calls = calls;
        this.config = config;
    }

    @Override
    public String id() {
        return "google";
    }

    @Override
    public String displayName() {
        return "Google Gemini / Vertex AI";
    }

    @Override
    public boolean configured(Secrets secrets) {
        return config.billingTable().isPresent() && secrets.value(SECRET).isPresent();
    }

    @Override
    public boolean pulses() {
        return config.monitoringProject().isPresent();
    }

    /**
     * Vertex AI's token counts from Cloud Monitoring: {@value #TOKEN_METRIC}, summed per minute (or hour) and per
     * model and token type ({@code input}/{@code output}), every page. Int64 values come as strings.
     */
    @Override
    public NavigableMap<Instant, List<UsageLine>> pulse(Secrets secrets,
            Instant from, Instant to, Duration bucket) {
        String key = secrets.value(SECRET).orElseThrow();
        String project = config.monitoringProject().orElseThrow();
        String authorization;
        try {
            authorization = "Bearer " + tokens.token(id(), SECRET, key, MONITORING_SCOPE);
        } catch (VendorException.Refused e) {
            tokens.forget(key, MONITORING_SCOPE);
            throw e;
        }
        String period = bucket.toSeconds() + "s";
        NavigableMap<Instant, java.util.Map<String, long[]>> counts = new TreeMap<>();
        String pageToken = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        do {
            String cursor = pageToken;
            JsonNode page;
            try {
                page = calls.call(id(), MONITORING_ENDPOINT, () -> monitoring.timeSeries(project,
                        "metric.type=\"" + TOKEN_METRIC + "\"", from.toString(), to.toString(), period, "ALIGN_SUM",
                        "REDUCE_SUM", List.of("metric.label.type", "resource.label.model_user_id"), cursor,
                        authorization), JsonNode.class);
            } catch (VendorException.Refused e) {
                tokens.forget(key, MONITORING_SCOPE);
                throw e;
            }
            for (JsonNode series : page.path("timeSeries")) {
                String type = series.path("metric").path("labels").path("type").asText("");
                int index = type.equals("input") ? 0 : type.equals("output") ? 1 : -1;
                String model = series.path("resource").path("labels").path("model_user_id").asText(null);
                for (JsonNode point : series.path("points")) {
                    String start = point.path("interval").path("startTime").asText(null);
                    String end = point.path("interval").path("endTime").asText(null);
                    if (start == null && end == null) {
                        throw new VendorException(id(), MONITORING_ENDPOINT, "timeSeries[].points[] has no interval");
                    }
                    Instant at = start != null ? instant(start)
                            : instant(end).minus(bucket);
                    JsonNode value = point.path("value").path("int64Value");
                    long count;
                    try {
                        count = Long.parseLong(value.asText());
                    } catch (NumberFormatException e) {
                        throw new VendorException(id(), MONITORING_ENDPOINT, "timeSeries[].points[].value.int64Value '"
                                + value.asText() + "' is not an integer");
                    }
                    if (index >= 0) {
                        counts.computeIfAbsent(at, t -> new TreeMap<>())
                                .computeIfAbsent(model, m -> new long[2])[index] += count;
                    }
                }
            }
            pageToken = page.path("nextPageToken").asText("");
            pageToken = pageToken.isBlank() ? null : pageToken;
            if (pageToken != null && !seen.add(pageToken)) {
                throw new VendorException(id(), MONITORING_ENDPOINT, "nextPageToken repeats; giving up");
            }
        } while (pageToken != null);
        NavigableMap<Instant, List<UsageLine>> buckets = new TreeMap<>();
        counts.forEach((at, byModel) -> {
            List<UsageLine> lines = new java.util.ArrayList<>();
            byModel.forEach((model, c) -> lines.add(new UsageLine("tokens", null, model, c[0],
                    0, 0, c[1], null, null, null)));
            buckets.put(at, lines);
        });
        return buckets;
    }

    private Instant instant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new VendorException(id(), MONITORING_ENDPOINT, "'" + text + "' is not an RFC 3339 timestamp");
        }
    }

    @Override
    public String consoleUrl() {
        return "https://console.cloud.google.com/apis/credentials";
    }

    @Override
    public Collected collect(Secrets secrets, LocalDate from, LocalDate toExclusive) {
        String key = secrets.value(SECRET).orElseThrow();
        try {
            return query(key, from, toExclusive);
        } catch (VendorException.Refused e) {
            tokens.forget(key, SCOPE);
            throw e;
        }
    }

    private Collected query(String key, LocalDate from, LocalDate toExclusive) {
        String table = config.billingTable().orElseThrow().replace(':', '.');
        if (!TABLE.matcher(table).matches()) {
            throw new VendorException(id(), ENDPOINT, "burnrate.google.billing-table '" + table
                    + "' must be project.dataset.table");
        }
        String project = config.queryProject().orElse(table.substring(0, table.indexOf('.')));
        String authorization = "Bearer " + tokens.token(id(), SECRET, key, SCOPE);
        JsonNode answer = calls.call(id(), ENDPOINT, () -> bigQuery.query(project, authorization,
                request(table, from, toExclusive)), JsonNode.class);
        DailyCosts days = new DailyCosts(id(), from, toExclusive);
        String jobId = answer.path("jobReference").path("jobId").asText(null);
        String location = answer.path("jobReference").path("location").asText(null);
        for (int polls = 0; !answer.path("jobComplete").asBoolean(false); polls++) {
            if (jobId == null || polls >= MAX_POLLS) {
                throw new VendorException(id(), ENDPOINT, "the query did not complete");
            }
            answer = results(project, jobId, location, null, authorization);
        }
        String billed = answer.path("totalBytesBilled").asText(null);
        if (billed != null) {
            days.note("the query billed " + billed + " bytes (cap " + config.maximumBytesBilled() + ")");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int page = 1;; page++) {
            read(answer, days);
            String token = answer.path("pageToken").asText(null);
            if (token == null || token.isBlank()) {
                return days.collected();
            }
            if (jobId == null) {
                throw new VendorException(id(), ENDPOINT, "has more rows (a pageToken) but no jobReference.jobId to "
                        + "ask for them with");
            }
            if (!seen.add(token)) {
                throw new VendorException(id(), ENDPOINT, "pageToken repeats after " + page
                        + " pages; giving up rather than reading the same rows again");
            }
            answer = results(project, jobId, location, token, authorization);
        }
    }

    private JsonNode results(String project, String jobId, String location, String pageToken, String authorization) {
        return calls.call(id(), "GET bigquery jobs.getQueryResults", () -> bigQuery.results(project, jobId, location,
                pageToken, 10_000, authorization), JsonNode.class);
    }

    private ObjectNode request(String table, LocalDate from, LocalDate toExclusive) {
        ObjectNode request = JSON.createObjectNode();
        request.put("query", "SELECT CAST(DATE(usage_start_time) AS STRING) AS day, service.description AS service, "
                + "sku.description AS sku, IFNULL(project.id, '') AS project, currency, "
                + "CAST(SUM(cost) AS STRING) AS cost, "
                + "CAST(SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) c), 0)) AS STRING) AS credits, "
                + "CAST(SUM(cost / NULLIF(currency_conversion_rate, 0)) AS STRING) AS cost_usd, "
                + "CAST(SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) c), 0) "
                + "/ NULLIF(currency_conversion_rate, 0)) AS STRING) AS credits_usd "
                + "FROM `" + table + "` "
                + "WHERE _PARTITIONTIME >= TIMESTAMP_SUB(TIMESTAMP(@from), INTERVAL 1 DAY) "
                + "AND usage_start_time >= TIMESTAMP(@from) AND usage_start_time < TIMESTAMP(@to) "
                + "AND service.description IN UNNEST(@services) "
                + "GROUP BY day, service, sku, project, currency ORDER BY day");
        request.put("useLegacySql", false).put("timeoutMs", 30_000).put("parameterMode", "NAMED")
                .put("maximumBytesBilled", Long.toString(config.maximumBytesBilled()));
        ArrayNode parameters = request.putArray("queryParameters");
        parameters.add(scalar("from", from.toString()));
        parameters.add(scalar("to", toExclusive.toString()));
        ObjectNode services = parameters.addObject().put("name", "services");
        services.putObject("parameterType").put("type", "ARRAY").putObject("arrayType").put("type", "STRING");
        ArrayNode values = services.putObject("parameterValue").putArray("arrayValues");
        config.services().forEach(service -> values.addObject().put("value", service));
        return request;
    }

    private static ObjectNode scalar(String name, String value) {
        ObjectNode parameter = JSON.createObjectNode().put("name", name);
        parameter.putObject("parameterType").put("type", "STRING");
        parameter.putObject("parameterValue").put("value", value);
        return parameter;
    }

    private void read(JsonNode answer, DailyCosts days) {
        JsonNode rows = answer.get("rows");
        if (rows == null || rows.isNull()) {
            return;
        }
        JsonNode fields = require(answer.path("schema").get("fields"), id(), ENDPOINT, "schema.fields");
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            column.put(fields.get(i).path("name").asText(), i);
        }
        for (String name : List.of("day", "service", "sku", "project", "currency", "cost", "credits")) {
            if (!column.containsKey(name)) {
                throw new VendorException(id(), ENDPOINT, "answer lacks the column '" + name + "'");
            }
        }
        for (JsonNode row : rows) {
            JsonNode f = row.path("f");
            LocalDate day = day(f.path(column.get("day")).path("v").asText());
            String currency = f.path(column.get("currency")).path("v").asText();
            String project = f.path(column.get("project")).path("v").asText(null);
            String item = f.path(column.get("service")).path("v").asText() + ": "
                    + f.path(column.get("sku")).path("v").asText();
            days.add(day, CostLine.billed(project, item, currency, decimal(f, column.get("cost"), day),
                    dollars(f, column.get("cost_usd"), day), null, null));
            BigDecimal credits = decimal(f, column.get("credits"), day);
            if (credits.signum() != 0) {
                days.add(day, CostLine.billed(project, item + " (credits)", currency, credits,
                        dollars(f, column.get("credits_usd"), day), null, null));
            }
        }
    }

    /** Google's dollar figure for a row, where the answer has the column and the row a rate; else null. */
    private BigDecimal dollars(JsonNode fields, Integer index, LocalDate day) {
        if (index == null || fields.path(index).path("v").isNull() || fields.path(index).path("v").isMissingNode()) {
            return null;
        }
        return decimal(fields, index, day);
    }

    private BigDecimal decimal(JsonNode fields, int index, LocalDate day) {
        String value = fields.path(index).path("v").asText(null);
        try {
            return value == null ? BigDecimal.ZERO : new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new VendorException(id(), ENDPOINT, "amount '" + value + "' for " + day + " is not a number");
        }
    }

    private LocalDate day(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new VendorException(id(), ENDPOINT, "day '" + value + "' is not a date like 2026-11-03");
        }
    }
}
