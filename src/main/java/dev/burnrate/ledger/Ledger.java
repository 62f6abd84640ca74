package dev.burnrate.ledger;

import static dev.burnrate.ledger.Items.PK;
import static dev.burnrate.ledger.Items.SK;
import static dev.burnrate.ledger.Items.TTL;
import static dev.burnrate.ledger.Items.decimal;
import static dev.burnrate.ledger.Items.n;
import static dev.burnrate.ledger.Items.s;
import static dev.burnrate.ledger.Items.string;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.vendor.CostLine;
import dev.burnrate.vendor.DailyCost;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Daily snapshots, per-vendor collection state and the run log in the single table. Every write is an
 * upsert by natural key, so running the same check twice leaves the same items.
 */
@ApplicationScoped
public class Ledger {

    static final Duration RUN_LOG_TTL = Duration.ofDays(90);
    private static final int BATCH_SIZE = 25;
    private static final int MAX_BATCH_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    Ledger(DynamoDbClient dynamo, BurnrateConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    /** Stores (or overwrites) one snapshot per vendor and day. */
    public void putDays(List<DailySnapshot> snapshots) {
        List<WriteRequest> writes = new ArrayList<>();
        for (DailySnapshot snapshot : snapshots) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(snapshot)).build()).build());
        }
        for (int i = 0; i < writes.size(); i += BATCH_SIZE) {
            writeBatch(writes.subList(i, Math.min(writes.size(), i + BATCH_SIZE)));
        }
    }

    private void writeBatch(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_BATCH_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB table '" + table + "' left "
                        + pending.get(table).size() + " snapshot writes unprocessed after " + MAX_BATCH_ATTEMPTS
                        + " attempts");
            }
            if (attempt > 1) {
                sleep(Duration.ofMillis(50L << attempt));
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** Every vendor's snapshots of {@code month}, in key order (vendor, then day). */
    public List<DailySnapshot> month(YearMonth month) {
        List<DailySnapshot> snapshots = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(Items.costPartition(month))));
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = dynamo.query(request.build());
            response.items().forEach(item -> snapshots.add(fromItem(item)));
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null);
        return snapshots;
    }

    /** When {@code vendor} was last collected successfully, if ever. */
    public Optional<Instant> lastSuccess(String vendor) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(PK, s("VENDOR"), SK, s(vendor)))).item();
        return Optional.ofNullable(item == null ? null : string(item, "lastSuccessAt")).map(Instant::parse);
    }

    /** Records a successful collection of {@code vendor} covering {@code [from, toExclusive)}. */
    public void recordSuccess(String vendor, Instant at, LocalDate from, LocalDate toExclusive) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of(PK, s("VENDOR"), SK, s(vendor),
                "lastSuccessAt", s(at.toString()), "lastFrom", s(from.toString()),
                "lastToExclusive", s(toExclusive.toString()))));
    }

    /** Appends one run to the run log (kept 90 days). */
    public void recordRun(Instant at, String requestId, String outcome, Map<String, String> vendorOutcomes) {
        Map<String, AttributeValue> vendors = new HashMap<>();
        vendorOutcomes.forEach((vendor, result) -> vendors.put(vendor, s(result)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("RUN#" + at.atZone(ZoneOffset.UTC).toLocalDate()));
        item.put(SK, s(at + "#" + requestId));
        item.put("outcome", s(outcome));
        item.put("vendors", AttributeValue.fromM(vendors));
        item.put(TTL, n(at.plus(RUN_LOG_TTL).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> toItem(DailySnapshot snapshot) {
        DailyCost cost = snapshot.cost();
        List<AttributeValue> lines = new ArrayList<>();
        for (CostLine line : cost.lines()) {
            Map<String, AttributeValue> map = new HashMap<>();
            map.put("project", s(line.project()));
            map.put("item", s(line.item()));
            map.put("amountUsd", n(line.amountUsd()));
            if (line.quantity() != null) {
                map.put("quantity", n(line.quantity()));
            }
            if (line.unit() != null) {
                map.put("unit", s(line.unit()));
            }
            if (!line.isUsd()) {
                map.put("currency", s(line.currency()));
                map.put("amount", n(line.amount()));
            }
            lines.add(AttributeValue.fromM(map));
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(Items.costPartition(YearMonth.from(cost.day()))));
        item.put(SK, s(cost.vendor() + "#" + cost.day()));
        item.put("vendor", s(cost.vendor()));
        item.put("day", s(cost.day().toString()));
        item.put("totalUsd", n(cost.totalUsd()));
        item.put("lines", AttributeValue.fromL(lines));
        item.put("fetchedAt", s(snapshot.fetchedAt().toString()));
        item.put("provisional", AttributeValue.fromBool(snapshot.provisional()));
        return item;
    }

    private static DailySnapshot fromItem(Map<String, AttributeValue> item) {
        List<CostLine> lines = new ArrayList<>();
        AttributeValue stored = item.get("lines");
        if (stored != null && stored.hasL()) {
            for (AttributeValue value : stored.l()) {
                Map<String, AttributeValue> line = value.m();
                lines.add(new CostLine(string(line, "project"), string(line, "item"), decimal(line, "amountUsd"),
                        decimal(line, "quantity"), string(line, "unit"), string(line, "currency"),
                        decimal(line, "amount")));
            }
        }
        DailyCost cost = new DailyCost(string(item, "vendor"), LocalDate.parse(string(item, "day")), lines);
        AttributeValue provisional = item.get("provisional");
        return new DailySnapshot(cost, Instant.parse(string(item, "fetchedAt")),
                provisional != null && Boolean.TRUE.equals(provisional.bool()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying DynamoDB writes", e);
        }
    }
}
