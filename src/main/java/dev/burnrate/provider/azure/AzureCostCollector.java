package dev.burnrate.provider.azure;

import static dev.burnrate.provider.VendorHttp.require;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

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
import dev.burnrate.provider.OAuthTokens;
import dev.burnrate.provider.UsageLine;
import dev.burnrate.provider.VendorCalls;
import dev.burnrate.provider.VendorCollector;
import dev.burnrate.provider.VendorException;

/**
 * Azure OpenAI / AI Foundry spend from the Cost Management query API: daily actual cost of the configured
 * resource types, grouped by meter and resource, every page ({@code nextLink}). A client-credentials token is
 * kept for its lifetime by {@link OAuthTokens}, across warm invocations. Rows are positional; the columns are found by name. Only days with rows are written.
 * <p>
 * Microsoft caps a {@code Daily} query at 31 days and silently truncates an older {@code from}, so the window is
 * asked for in pieces of at most {@value #MAX_DAYS} days. Both {@code Cost} (the billing currency) and
 * {@code CostUSD} (Microsoft's own dollar figure) are summed; the dollars are what count. An HTTP 204 is the
 * documented "no rows". Throttling waits honour Cost Management's own retry-after headers ({@link
 * dev.burnrate.provider.VendorCalls}).
 */
@ApplicationScoped
public class AzureCostCollector implements VendorCollector {

    static final String ENDPOINT = "POST Microsoft.CostManagement/query";
    static final String TOKEN_ENDPOINT = "POST oauth2/v2.0/token";
    static final String CLIENT_SECRET = "azureClientSecret";
    static final String API_VERSION = "2024-08-01";
    private static final List<String> COST_COLUMNS = List.of("Cost", "PreTaxCost");
    private static final List<String> USD_COLUMNS = List.of("CostUSD", "PreTaxCostUSD");
    /** Days one Daily query may span. */
    static final int MAX_DAYS = 31;
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AzureLoginApi login;
    private final AzureCostApi costs;
    private final VendorCalls calls;
    private final AzureConfig config;
    private final OAuthTokens tokens;

    AzureCostCollector(@RestClient AzureLoginApi login, @RestClient AzureCostApi costs, VendorCalls calls,
            AzureConfig config, OAuthTokens tokens) {
        this.tokens = tokens;
        this.login = login;
        this.costs = costs;
        this.calls = calls;
        this.config = config;
    }

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public String displayName() {
        return "Azure OpenAI";
    }

    @Override
    public boolean configured(Secrets secrets) {
        return config.scope().isPresent() && config.tenantId().isPresent() && config.clientId().isPresent()
                && secrets.value(CLIENT_SECRET).isPresent();
    }

    @Override
    public Collected collect(Secrets secrets, LocalDate from, LocalDate toExclusive) {
        String credentials = credentials(secrets.value(CLIENT_SECRET).orElseThrow());
        try {
            return collect(credentials, secrets.value(CLIENT_SECRET).orElseThrow(), from, toExclusive);
        } catch (VendorException.Refused e) {
            tokens.forget(credentials);
            throw e;
        }
    }

    /** What identifies the token: tenant, client and secret (a new secret gets a new token). */
    private String credentials(String clientSecret) {
        return config.tenantId().orElseThrow() + "\n" + config.clientId().orElseThrow() + "\n" + clientSecret;
    }

    private Collected collect(String credentials, String clientSecret, LocalDate from, LocalDate toExclusive) {
        String token = tokens.token(id(), TOKEN_ENDPOINT, credentials, () -> token(clientSecret));
        String scope = config.scope().orElseThrow().replaceAll("^/+", "");
        DailyCosts days = new DailyCosts(id(), from, toExclusive);
        for (LocalDate start = from; start.isBefore(toExclusive); start = start.plusDays(MAX_DAYS)) {
            LocalDate end = start.plusDays(MAX_DAYS).isBefore(toExclusive) ? start.plusDays(MAX_DAYS) : toExclusive;
            readWindow(scope, token, query(start, end), days);
        }
        return days.collected();
    }

    /** Every page of one query of at most {@value #MAX_DAYS} days. */
    private void readWindow(String scope, String token, ObjectNode body, DailyCosts days) {
        String skipToken = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int page = 1;; page++) {
            String cursor = skipToken;
            String endpoint = page == 1 ? ENDPOINT : ENDPOINT + " page " + page;
            java.util.Optional<JsonNode> answer = calls.callOrNoContent(id(), endpoint, () -> costs.query(scope,
                    API_VERSION, cursor, "Bearer " + token, body), JsonNode.class);
            if (answer.isEmpty()) {
                return; // 204: no rows
            }
            JsonNode properties = require(answer.get().get("properties"), id(), ENDPOINT, "properties");
            read(properties, days);
            JsonNode next = properties.get("nextLink");
            if (next == null || next.isNull() || next.asText().isBlank()) {
                return;
            }
            skipToken = skipToken(next.asText());
            if (!seen.add(skipToken)) {
                throw new VendorException(id(), ENDPOINT, "nextLink repeats an earlier $skiptoken after " + page
                        + " pages; giving up rather than reading the same pages again");
            }
        }
    }

    private JsonNode token(String clientSecret) {
        return calls.call(id(), TOKEN_ENDPOINT, () -> login.token(config.tenantId().orElseThrow(),
                "client_credentials", config.clientId().orElseThrow(), clientSecret,
                "https://management.azure.com/.default"), JsonNode.class);
    }

    static final String METRICS_ENDPOINT = "GET Microsoft.Insights/metrics";
    static final String METRICS_API_VERSION = "2023-10-01";
    private static final String PROMPT = "ProcessedPromptTokens";
    private static final String GENERATED = "GeneratedTokens";

    @Override
    public boolean pulses() {
        return config.openaiAccounts().map(a -> !a.isEmpty()).orElse(false);
    }

    /**
     * Azure Monitor's {@code ProcessedPromptTokens} and {@code GeneratedTokens} (Total) of each configured account, by
     * model deployment and model, at {@code PT1M} (or {@code PT1H} for a first pulse's history); a deployment is the
     * line's project.
     */
    @Override
    public NavigableMap<Instant, List<UsageLine>> pulse(Secrets secrets,
            Instant from, Instant to, Duration bucket) {
        String clientSecret = secrets.value(CLIENT_SECRET).orElseThrow();
        String credentials = credentials(clientSecret);
        String token;
        try {
            token = tokens.token(id(), TOKEN_ENDPOINT, credentials, () -> token(clientSecret));
        } catch (VendorException.Refused e) {
            tokens.forget(credentials);
            throw e;
        }
        String interval = bucket.toMinutes() == 1 ? "PT1M" : "PT1H";
        NavigableMap<Instant, java.util.Map<List<String>, long[]>> counts = new TreeMap<>();
        for (String account : config.openaiAccounts().orElseThrow()) {
            String resource = account.replaceAll("^/+", "");
            JsonNode answer;
            try {
                answer = calls.call(id(), METRICS_ENDPOINT, () -> costs.metrics(resource, METRICS_API_VERSION,
                        PROMPT + "," + GENERATED, from + "/" + to, interval, "Total",
                        "ModelDeploymentName eq '*' and ModelName eq '*'", "Bearer " + token), JsonNode.class);
            } catch (VendorException.Refused e) {
                tokens.forget(credentials);
                throw e;
            }
            readMetrics(resource, answer, counts);
        }
        NavigableMap<Instant, List<UsageLine>> buckets = new TreeMap<>();
        counts.forEach((at, byDeployment) -> {
            List<UsageLine> lines = new java.util.ArrayList<>();
            byDeployment.forEach((key, c) -> lines.add(new UsageLine("tokens", key.get(0),
                    key.get(1), c[0], 0, 0, c[1], null, null, null)));
            buckets.put(at, lines);
        });
        return buckets;
    }

    private void readMetrics(String resource, JsonNode answer,
            NavigableMap<Instant, java.util.Map<List<String>, long[]>> counts) {
        for (JsonNode metric : require(answer.get("value"), id(), METRICS_ENDPOINT, "value")) {
            String name = metric.path("name").path("value").asText();
            int index = PROMPT.equalsIgnoreCase(name) ? 0 : GENERATED.equalsIgnoreCase(name) ? 1 : -1;
            if (index < 0) {
                continue;
            }
            String error = metric.path("errorCode").asText("Success");
            if (!error.isEmpty() && !"Success".equalsIgnoreCase(error)) {
                throw new VendorException(id(), METRICS_ENDPOINT, name + " of " + resource + " answered " + error
                        + ": " + metric.path("errorMessage").asText(""));
            }
            for (JsonNode series : require(metric.get("timeseries"), id(), METRICS_ENDPOINT, "value[].timeseries")) {
                String deployment = null;
                String model = null;
                for (JsonNode meta : series.path("metadatavalues")) {
                    String dimension = meta.path("name").path("value").asText();
                    if ("modeldeploymentname".equalsIgnoreCase(dimension)) {
                        deployment = meta.path("value").asText(null);
                    } else if ("modelname".equalsIgnoreCase(dimension)) {
                        model = meta.path("value").asText(null);
                    }
                }
                List<String> key = java.util.Arrays.asList(deployment, model);
                for (JsonNode point : require(series.get("data"), id(), METRICS_ENDPOINT,
                        "value[].timeseries[].data")) {
                    JsonNode total = point.get("total");
                    if (total == null || total.isNull()) {
                        continue; // no data in that minute
                    }
                    if (!total.isNumber()) {
                        throw new VendorException(id(), METRICS_ENDPOINT, "value[].timeseries[].data[].total '"
                                + total + "' is not a number");
                    }
                    String stamp = require(point.get("timeStamp"), id(), METRICS_ENDPOINT,
                            "value[].timeseries[].data[].timeStamp").asText();
                    Instant at;
                    try {
                        at = java.time.OffsetDateTime.parse(stamp).toInstant();
                    } catch (java.time.format.DateTimeParseException e) {
                        throw new VendorException(id(), METRICS_ENDPOINT, "timeStamp '" + stamp
                                + "' is not an ISO-8601 instant");
                    }
                    counts.computeIfAbsent(at, t -> new java.util.HashMap<>()).computeIfAbsent(key,
                            k -> new long[2])[index] += Math.round(total.asDouble());
                }
            }
        }
    }

    @Override
    public String consoleUrl() {
        return "https://portal.azure.com/#view/Microsoft_Azure_ProjectOxford/CognitiveServicesHub/~/OpenAI";
    }

    private ObjectNode query(LocalDate from, LocalDate toExclusive) {
        ObjectNode body = JSON.createObjectNode().put("type", "ActualCost").put("timeframe", "Custom");
        body.putObject("timePeriod").put("from", from + "T00:00:00Z")
                .put("to", toExclusive.minusDays(1) + "T23:59:59Z");
        ObjectNode dataset = body.putObject("dataset").put("granularity", "Daily");
        ObjectNode aggregation = dataset.putObject("aggregation");
        aggregation.putObject("totalCost").put("name", "Cost").put("function", "Sum");
        aggregation.putObject("totalCostUSD").put("name", "CostUSD").put("function", "Sum");
        ArrayNode grouping = dataset.putArray("grouping");
        grouping.addObject().put("type", "Dimension").put("name", "MeterSubCategory");
        grouping.addObject().put("type", "Dimension").put("name", "ResourceId");
        ObjectNode dimensions = dataset.putObject("filter").putObject("dimensions").put("name", "ResourceType")
                .put("operator", "In");
        ArrayNode values = dimensions.putArray("values");
        config.resourceTypes().forEach(values::add);
        return body;
    }

    private void read(JsonNode properties, DailyCosts days) {
        JsonNode columns = require(properties.get("columns"), id(), ENDPOINT, "properties.columns");
        JsonNode rows = require(properties.get("rows"), id(), ENDPOINT, "properties.rows");
        int cost = -1;
        int usd = -1;
        int date = -1;
        int meter = -1;
        int resource = -1;
        int currency = -1;
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).path("name").asText();
            if (COST_COLUMNS.contains(name) && cost < 0) {
                cost = i;
            } else if (USD_COLUMNS.contains(name) && usd < 0) {
                usd = i;
            } else if (name.equals("UsageDate")) {
                date = i;
            } else if (name.equals("MeterSubCategory") || name.equals("Meter")) {
                meter = i;
            } else if (name.equals("ResourceId")) {
                resource = i;
            } else if (name.equals("Currency")) {
                currency = i;
            }
        }
        if (cost < 0 || date < 0) {
            throw new VendorException(id(), ENDPOINT, "answer lacks the " + (cost < 0 ? "Cost" : "UsageDate")
                    + " column");
        }
        for (JsonNode row : rows) {
            LocalDate day = day(row.path(date).asText());
            String unit = currency < 0 ? "USD" : row.path(currency).asText("USD");
            JsonNode amount = row.path(cost);
            if (!amount.isNumber()) {
                throw new VendorException(id(), ENDPOINT, "cost '" + amount + "' for " + day + " is not a number");
            }
            JsonNode dollars = usd < 0 ? null : row.path(usd);
            if (dollars != null && !dollars.isNumber()) {
                throw new VendorException(id(), ENDPOINT, "CostUSD '" + dollars + "' for " + day + " is not a number");
            }
            String resourceId = resource < 0 ? null : row.path(resource).asText(null);
            days.add(day, CostLine.billed(resourceName(resourceId), meter < 0 ? null : row.path(meter).asText(null),
                    unit, amount.decimalValue(), dollars == null ? null : dollars.decimalValue(), null, null));
        }
    }

    /** The last segment of a resource id: the Azure OpenAI account's name. */
    static String resourceName(String resourceId) {
        if (resourceId == null || resourceId.isBlank()) {
            return null;
        }
        String trimmed = resourceId.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private LocalDate day(String yyyymmdd) {
        try {
            return LocalDate.parse(yyyymmdd.length() > 8 ? yyyymmdd.substring(0, 8) : yyyymmdd, YYYYMMDD);
        } catch (DateTimeParseException e) {
            throw new VendorException(id(), ENDPOINT, "UsageDate '" + yyyymmdd + "' is not a yyyymmdd day");
        }
    }

    private String skipToken(String nextLink) {
        String query = URI.create(nextLink).getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("$skiptoken=") || part.startsWith("%24skiptoken=")) {
                    return java.net.URLDecoder.decode(part.substring(part.indexOf('=') + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new VendorException(id(), ENDPOINT, "nextLink has no $skiptoken");
    }
}
