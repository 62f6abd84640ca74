package dev.burnrate.provider.bedrock;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.config.AwsApi;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;
import dev.burnrate.provider.DailyCosts;
import dev.burnrate.provider.UsageLine;
import dev.burnrate.provider.VendorCollector;
import dev.burnrate.provider.VendorException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/**
 * AWS Bedrock spend from Cost Explorer {@code GetCostAndUsage}: daily unblended cost grouped by service and usage
 * type, filtered by Cost Explorer to "Amazon Bedrock" and AWS Marketplace ({@link #filter}), keeping the service
 * "Amazon Bedrock" and the Marketplace services billed through it ("Claude 3.5 Sonnet (Amazon Bedrock Edition)"
 * and the like), optionally narrowed by a cost-allocation tag. Amounts are decimal
 * strings of dollars. Uses the function's own IAM permission ({@code ce:GetCostAndUsage}), no key; each request
 * costs $0.01, so it runs at most every {@code burnrate.bedrock.min-interval}. The request goes in Cost Explorer's
 * AWS JSON 1.1 protocol ({@code X-Amz-Target: AWSInsightsIndexService.GetCostAndUsage}) through {@link AwsApi} to
 * its one endpoint in us-east-1, whatever the function's region, retried like the HTTP vendors
 * ({@code burnrate.collect.max-attempts}) with the SDK's standard back-off.
 */
@ApplicationScoped
public class BedrockCollector implements VendorCollector {

    static final String ENDPOINT = "ce:GetCostAndUsage";
    private static final String METRIC = "UnblendedCost";

    static final String TARGET = "AWSInsightsIndexService.GetCostAndUsage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsApi api;
    private final BedrockConfig config;
    private final AwsApi.Service costExplorer;
    private final BedrockMetrics metrics;

    BedrockCollector(AwsApi api, BedrockConfig bedrock, BurnrateConfig config) {
        this.api = api;
        this.config = bedrock;
        this.costExplorer = api == null ? null : api.global("CostExplorer", "ce", Region.US_EAST_1,
                bedrock.endpointOverride().or(() -> config.aws().endpointOverride())
                        .orElse(java.net.URI.create("https://ce.us-east-1.amazonaws.com")),
                config.collect().maxAttempts(), bedrock.readTimeout());
        this.metrics = api == null ? null : new BedrockMetrics(api);
    }

    @Override
    public boolean pulses() {
        return config.pulse();
    }

    /** Every model's CloudWatch token counts (see {@link BedrockMetrics}); no request when no model has any. */
    @Override
    public NavigableMap<Instant, List<UsageLine>> pulse(Secrets secrets,
            Instant from, Instant to, Duration bucket) {
        List<String> models = metrics.models();
        return models.isEmpty() ? new TreeMap<>() : metrics.counts(models, from, to, bucket);
    }

    @Override
    public String consoleUrl() {
        return "https://console.aws.amazon.com/bedrock/home#/providers";
    }

    @Override
    public String id() {
        return "bedrock";
    }

    /** Its answer has a bucket for every day asked for, with or without spend. */
    @Override
    public boolean reportsEveryDay() {
        return true;
    }

    @Override
    public String displayName() {
        return "AWS Bedrock";
    }

    @Override
    public boolean configured(Secrets secrets) {
        return config.enabled();
    }

    @Override
    public Duration minInterval() {
        return config.minInterval();
    }

    /** The SDK's failure in the words the other vendors' failures use. */
    static String describe(SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Unable to unmarshall response")) {
            Throwable cause = e.getCause();
            return "answered with a body that is not the expected JSON" + (cause == null ? ""
                    : ": " + cause.getClass().getSimpleName() + " (" + String.valueOf(cause.getMessage()).lines()
                            .findFirst().orElse("") + ")");
        }
        return "failed: " + message;
    }

    /** "Amazon Bedrock" itself, and Marketplace models billed through it. */
    static boolean isBedrock(String service) {
        String s = service.toLowerCase(Locale.ROOT);
        return s.equals("amazon bedrock") || s.contains("(amazon bedrock edition)") || s.startsWith("amazon bedrock ");
    }

    @Override
    public Collected collect(Secrets secrets, LocalDate from, LocalDate toExclusive) {
        DailyCosts days = new DailyCosts(id(), from, toExclusive);
        String token = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int page = 1;; page++) {
            dev.burnrate.provider.VendorCalls.requireTime(id(), page == 1 ? ENDPOINT : ENDPOINT + " page " + page);
            ObjectNode request = JSON.createObjectNode();
            request.putObject("TimePeriod").put("Start", from.toString()).put("End", toExclusive.toString());
            request.put("Granularity", "DAILY");
            request.putArray("Metrics").add(METRIC);
            var groupBy = request.putArray("GroupBy");
            groupBy.addObject().put("Type", "DIMENSION").put("Key", "SERVICE");
            groupBy.addObject().put("Type", "DIMENSION").put("Key", "USAGE_TYPE");
            request.set("Filter", filter());
            if (token != null) {
                request.put("NextPageToken", token);
            }
            JsonNode response;
            try {
                response = api.json11(costExplorer, TARGET, request);
            } catch (SdkException e) {
                throw new VendorException(id(), ENDPOINT, describe(e), e);
            }
            for (JsonNode result : response.path("ResultsByTime")) {
                LocalDate day = day(result.path("TimePeriod").path("Start").asText(null));
                days.report(day);
                for (JsonNode group : result.path("Groups")) {
                    read(day, group, days);
                }
            }
            token = response.path("NextPageToken").asText(null);
            if (token == null || token.isEmpty()) {
                return days.collected();
            }
            if (!seen.add(token)) {
                throw new VendorException(id(), ENDPOINT, "NextPageToken repeats after " + page
                        + " pages; giving up rather than reading the same pages again");
            }
        }
    }

    /**
     * Narrowed by Cost Explorer itself, so a large account's other services are neither returned nor paged through
     * (each page is another $0.01): the service "Amazon Bedrock" or anything billed by "AWS Marketplace" (where the
     * Bedrock editions of third-party models are billed), and the tag when one is set. Cost Explorer matches
     * dimensions only with EQUALS, so the Marketplace's other products still come back and {@link #isBedrock}
     * drops them.
     */
    ObjectNode filter() {
        ObjectNode bedrock = JSON.createObjectNode();
        var or = bedrock.putArray("Or");
        dimension(or.addObject(), "SERVICE", "Amazon Bedrock");
        dimension(or.addObject(), "BILLING_ENTITY", "AWS Marketplace");
        if (config.tagKey().isEmpty()) {
            return bedrock;
        }
        ObjectNode both = JSON.createObjectNode();
        var and = both.putArray("And");
        and.add(bedrock);
        ObjectNode tags = and.addObject().putObject("Tags").put("Key", config.tagKey().get());
        config.tagValues().orElse(List.of()).forEach(tags.putArray("Values")::add);
        return both;
    }

    private static void dimension(ObjectNode expression, String key, String value) {
        expression.putObject("Dimensions").put("Key", key).putArray("Values").add(value);
    }

    private void read(LocalDate day, JsonNode group, DailyCosts days) {
        JsonNode keys = group.path("Keys");
        if (keys.size() < 2 || !keys.get(0).isTextual() || !keys.get(1).isTextual()) {
            throw new VendorException(id(), ENDPOINT, "a group for " + day + " lacks its SERVICE and USAGE_TYPE keys");
        }
        String service = keys.get(0).asText();
        if (!isBedrock(service)) {
            return;
        }
        JsonNode cost = group.path("Metrics").path(METRIC);
        String amount = cost.path("Amount").asText(null);
        if (amount == null) {
            throw new VendorException(id(), ENDPOINT, "a group for " + day + " lacks Metrics." + METRIC + ".Amount");
        }
        BigDecimal usd;
        try {
            usd = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new VendorException(id(), ENDPOINT, METRIC + ".Amount '" + amount + "' for " + day
                    + " is not a decimal number");
        }
        days.add(day, CostLine.billed(null, service + ": " + keys.get(1).asText(), cost.path("Unit").asText(null),
                usd, null, null));
    }

    private LocalDate day(String start) {
        if (start == null) {
            throw new VendorException(id(), ENDPOINT, "a result lacks TimePeriod.Start");
        }
        try {
            return LocalDate.parse(start.length() > 10 ? start.substring(0, 10) : start);
        } catch (DateTimeParseException e) {
            throw new VendorException(id(), ENDPOINT, "TimePeriod.Start '" + start + "' is not a day");
        }
    }
}
