package dev.burnrate.provider.bedrock;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.Secrets;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;
import dev.burnrate.provider.DailyCosts;
import dev.burnrate.provider.VendorCollector;
import dev.burnrate.provider.VendorException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * AWS Bedrock spend from Cost Explorer {@code GetCostAndUsage}: daily unblended cost grouped by service and usage
 * type, filtered by Cost Explorer to "Amazon Bedrock" and AWS Marketplace ({@link #filter}), keeping the service
 * "Amazon Bedrock" and the Marketplace services billed through it ("Claude 3.5 Sonnet (Amazon Bedrock Edition)"
 * and the like), optionally narrowed by a cost-allocation tag. Amounts are decimal
 * strings of dollars. Uses the function's own IAM permission ({@code ce:GetCostAndUsage}), no key; each request
 * costs $0.01, so it runs at most every {@code burnrate.bedrock.min-interval}.
 */
@ApplicationScoped
public class BedrockCollector implements VendorCollector {

    static final String ENDPOINT = "ce:GetCostAndUsage";
    private static final String METRIC = "UnblendedCost";

    private final CostExplorerClient costExplorer;
    private final BedrockConfig config;

    BedrockCollector(CostExplorerClient costExplorer, BedrockConfig config) {
        this.costExplorer = costExplorer;
        this.config = config;
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
            GetCostAndUsageRequest.Builder request = GetCostAndUsageRequest.builder()
                    .timePeriod(t -> t.start(from.toString()).end(toExclusive.toString()))
                    .granularity("DAILY").metrics(METRIC)
                    .groupBy(g -> g.type("DIMENSION").key("SERVICE"), g -> g.type("DIMENSION").key("USAGE_TYPE"));
            request.filter(filter());
            if (token != null) {
                request.nextPageToken(token);
            }
            GetCostAndUsageResponse response;
            try {
                response = costExplorer.getCostAndUsage(request.build());
            } catch (SdkException e) {
                throw new VendorException(id(), ENDPOINT, describe(e), e);
            }
            for (ResultByTime result : response.resultsByTime()) {
                LocalDate day = day(result.timePeriod() == null ? null : result.timePeriod().start());
                days.report(day);
                for (Group group : result.groups()) {
                    read(day, group, days);
                }
            }
            token = response.nextPageToken();
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
    Expression filter() {
        Expression bedrock = Expression.builder().or(
                Expression.builder().dimensions(d -> d.key("SERVICE").values("Amazon Bedrock")).build(),
                Expression.builder().dimensions(d -> d.key("BILLING_ENTITY").values("AWS Marketplace")).build())
                .build();
        if (config.tagKey().isEmpty()) {
            return bedrock;
        }
        return Expression.builder().and(bedrock, Expression.builder().tags(t -> t.key(config.tagKey().get())
                .values(config.tagValues().orElse(List.of()))).build()).build();
    }

    private void read(LocalDate day, Group group, DailyCosts days) {
        if (group.keys().size() < 2) {
            throw new VendorException(id(), ENDPOINT, "a group for " + day + " lacks its SERVICE and USAGE_TYPE keys");
        }
        String service = group.keys().get(0);
        if (!isBedrock(service)) {
            return;
        }
        MetricValue cost = group.metrics().get(METRIC);
        if (cost == null || cost.amount() == null) {
            throw new VendorException(id(), ENDPOINT, "a group for " + day + " lacks Metrics." + METRIC + ".Amount");
        }
        BigDecimal usd;
        try {
            usd = new BigDecimal(cost.amount());
        } catch (NumberFormatException e) {
            throw new VendorException(id(), ENDPOINT, METRIC + ".Amount '" + cost.amount() + "' for " + day
                    + " is not a decimal number");
        }
        days.add(day, CostLine.billed(null, service + ": " + group.keys().get(1), cost.unit(), usd, null, null));
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
