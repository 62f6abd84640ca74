package dev.burnrate.provider.bedrock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.w3c.dom.Element;

import dev.burnrate.config.AwsApi;
import dev.burnrate.provider.UsageLine;
import dev.burnrate.provider.VendorException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Bedrock's token counts per model and minute from CloudWatch: the {@code AWS/Bedrock} metrics
 * {@code InputTokenCount} and {@code OutputTokenCount} by {@code ModelId}, which Bedrock publishes each minute for
 * on-demand invocations. The models are those {@code ListMetrics} names, asked each pulse so a model a leaked key
 * starts using is seen at once (CloudWatch lists metrics with data in the past two weeks); their sums come from
 * {@code GetMetricData} (at most 500 queries a request, so 250 models a request). Both go in CloudWatch's Query
 * protocol through {@link AwsApi}, with the function's permissions {@code cloudwatch:ListMetrics} and
 * {@code cloudwatch:GetMetricData}, which IAM cannot narrow to a namespace. CloudWatch charges $0.01 per 1,000
 * metrics requested: two per model and pulse ({@code Invocations} is not asked for: requests are not priced).
 */
final class BedrockMetrics {

    static final String NAMESPACE = "AWS/Bedrock";
    static final String VERSION = "2010-08-01";
    static final String LIST = "cloudwatch:ListMetrics";
    static final String GET = "cloudwatch:GetMetricData";
    private static final List<String> METRICS = List.of("InputTokenCount", "OutputTokenCount");
    /** GetMetricData's limit of queries per request. */
    static final int MAX_QUERIES = 500;

    private final AwsApi api;
    private final AwsApi.Service cloudWatch;

    BedrockMetrics(AwsApi api) {
        this.api = api;
        this.cloudWatch = api.regional("CloudWatch", "monitoring", "monitoring");
    }

    /** Every model with Bedrock token metrics in the past two weeks. */
    List<String> models() {
        TreeSet<String> models = new TreeSet<>();
        String token = null;
        do {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("Namespace", NAMESPACE);
            parameters.put("MetricName", "InputTokenCount");
            if (token != null) {
                parameters.put("NextToken", token);
            }
            Element result = call(LIST, "ListMetrics", parameters);
            for (Element metric : AwsApi.members(AwsApi.child(result, "Metrics"))) {
                List<Element> dimensions = AwsApi.members(AwsApi.child(metric, "Dimensions"));
                if (dimensions.size() == 1 && "ModelId".equals(AwsApi.text(dimensions.get(0), "Name"))) {
                    models.add(AwsApi.text(dimensions.get(0), "Value"));
                }
            }
            token = blankToNull(AwsApi.text(result, "NextToken"));
        } while (token != null);
        return List.copyOf(models);
    }

    /** Each model's counts per {@code bucket} over {@code [from, to)}; buckets without data are left out. */
    NavigableMap<Instant, List<UsageLine>> counts(List<String> models, Instant from, Instant to, Duration bucket) {
        NavigableMap<Instant, Map<String, long[]>> byBucket = new TreeMap<>();
        int perRequest = MAX_QUERIES / METRICS.size();
        for (int first = 0; first < models.size(); first += perRequest) {
            List<String> batch = models.subList(first, Math.min(models.size(), first + perRequest));
            read(batch, from, to, bucket, byBucket);
        }
        NavigableMap<Instant, List<UsageLine>> buckets = new TreeMap<>();
        byBucket.forEach((start, perModel) -> {
            List<UsageLine> lines = new ArrayList<>();
            perModel.forEach((model, c) -> lines.add(new UsageLine("invocations", null, model, c[0], 0, 0, c[1],
                    null, null, null)));
            buckets.put(start, lines);
        });
        return buckets;
    }

    private void read(List<String> models, Instant from, Instant to, Duration bucket,
            NavigableMap<Instant, Map<String, long[]>> byBucket) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String[]> queries = new HashMap<>();
        int n = 0;
        for (int m = 0; m < models.size(); m++) {
            for (int k = 0; k < METRICS.size(); k++) {
                n++;
                String id = "m" + m + "_" + k;
                queries.put(id, new String[] { models.get(m), String.valueOf(k) });
                String q = "MetricDataQueries.member." + n + ".";
                parameters.put(q + "Id", id);
                parameters.put(q + "MetricStat.Metric.Namespace", NAMESPACE);
                parameters.put(q + "MetricStat.Metric.MetricName", METRICS.get(k));
                parameters.put(q + "MetricStat.Metric.Dimensions.member.1.Name", "ModelId");
                parameters.put(q + "MetricStat.Metric.Dimensions.member.1.Value", models.get(m));
                parameters.put(q + "MetricStat.Period", String.valueOf(bucket.toSeconds()));
                parameters.put(q + "MetricStat.Stat", "Sum");
                parameters.put(q + "ReturnData", "true");
            }
        }
        parameters.put("StartTime", from.toString());
        parameters.put("EndTime", to.toString());
        parameters.put("ScanBy", "TimestampAscending");
        String token = null;
        do {
            Map<String, String> page = new LinkedHashMap<>(parameters);
            if (token != null) {
                page.put("NextToken", token);
            }
            Element result = call(GET, "GetMetricData", page);
            for (Element series : AwsApi.members(AwsApi.child(result, "MetricDataResults"))) {
                String id = AwsApi.text(series, "Id");
                String[] query = queries.get(id);
                if (query == null) {
                    throw new VendorException("bedrock", GET, "MetricDataResults names query '" + id
                            + "', which was not asked for");
                }
                String status = AwsApi.text(series, "StatusCode");
                if ("Forbidden".equals(status) || "InternalError".equals(status)) {
                    throw new VendorException("bedrock", GET, "CloudWatch answered " + status + " for "
                            + METRICS.get(Integer.parseInt(query[1])) + " of " + query[0]);
                }
                List<Element> times = AwsApi.members(AwsApi.child(series, "Timestamps"));
                List<Element> values = AwsApi.members(AwsApi.child(series, "Values"));
                if (times.size() != values.size()) {
                    throw new VendorException("bedrock", GET, "query '" + id + "' has " + times.size()
                            + " timestamps but " + values.size() + " values");
                }
                for (int i = 0; i < times.size(); i++) {
                    Instant at = instant(times.get(i).getTextContent());
                    long value = count(values.get(i).getTextContent(), id);
                    byBucket.computeIfAbsent(at, t -> new TreeMap<>())
                            .computeIfAbsent(query[0], x -> new long[METRICS.size()])[Integer.parseInt(query[1])]
                            += value;
                }
            }
            token = blankToNull(AwsApi.text(result, "NextToken"));
        } while (token != null);
    }

    private Element call(String endpoint, String action, Map<String, String> parameters) {
        try {
            return api.query(cloudWatch, action, VERSION, parameters);
        } catch (SdkException e) {
            throw new VendorException("bedrock", endpoint, e.getMessage(), e);
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new VendorException("bedrock", GET, "timestamp '" + text + "' is not an ISO-8601 instant");
        }
    }

    private static long count(String text, String id) {
        try {
            return Math.round(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            throw new VendorException("bedrock", GET, "query '" + id + "' has the value '" + text
                    + "', which is not a number");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
