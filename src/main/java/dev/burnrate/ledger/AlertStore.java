package dev.burnrate.ledger;

import static dev.burnrate.ledger.Items.PK;
import static dev.burnrate.ledger.Items.SK;
import static dev.burnrate.ledger.Items.n;
import static dev.burnrate.ledger.Items.s;
import static dev.burnrate.ledger.Items.string;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.budget.AlertKey;
import dev.burnrate.budget.AlertState;
import dev.burnrate.budget.AlertState.Status;
import dev.burnrate.config.BurnrateConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Alert state in DynamoDB, one item per month, budget, kind, level (and episode). Every transition is a
 * conditional write, so duplicate and overlapping invocations agree on who sends: a claim succeeds only on an
 * absent or recovered alert, a recovery only on an active one. A claim whose sender died is taken over after
 * {@link #STALE_CLAIM} (longer than the Lambda's maximum run time).
 */
@ApplicationScoped
public class AlertStore {

    static final Duration STALE_CLAIM = Duration.ofMinutes(20);

    private final DynamoDbClient dynamo;
    private final String table;

    AlertStore(DynamoDbClient dynamo, BurnrateConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    private static Map<String, AttributeValue> key(AlertKey key) {
        return Map.of(PK, s("ALERT#" + key.month()), SK, s(key.id()));
    }

    /** This store as the {@link AlertState} of one run: claims carry the run's id and time. */
    public AlertState forRun(String runId, Instant now) {
        return new AlertState() {
            @Override
            public boolean claim(AlertKey key, BigDecimal value, boolean toSend) {
                return AlertStore.this.claim(key, runId, now, value, toSend);
            }

            @Override
            public Map<AlertKey, Status> alerts(YearMonth month) {
                return AlertStore.this.alerts(month);
            }

            @Override
            public boolean recover(AlertKey key) {
                return AlertStore.this.recover(key, runId, now);
            }
        };
    }

    /**
     * Claims {@code key} for this run, as SENDING (to send) or SUPPRESSED. True when this run won; false when the
     * alert is active (sent, suppressed or being sent by another run).
     */
    public boolean claim(AlertKey key, String runId, Instant now, BigDecimal value, boolean toSend) {
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put("status", s((toSend ? Status.SENDING : Status.SUPPRESSED).name()));
        item.put("runId", s(runId));
        item.put("claimedAt", s(now.toString()));
        item.put("lastValue", n(value));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #status = :recovered "
                            + "OR (#status = :sending AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sending", s(Status.SENDING.name()),
                            ":recovered", s(Status.RECOVERED.name()),
                            ":stale", s(now.minus(STALE_CLAIM).toString()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyActive) {
            return false;
        }
    }

    /** Marks a claimed alert as sent through {@code channels}. */
    public void markSent(AlertKey key, String runId, Instant now, List<String> channels) {
        dynamo.updateItem(r -> r.tableName(table).key(key(key))
                .updateExpression("SET #status = :sent, sentAt = :now, channels = :channels")
                .conditionExpression("runId = :run")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":sent", s(Status.SENT.name()), ":now", s(now.toString()),
                        ":channels", AttributeValue.fromSs(channels.isEmpty() ? List.of("none") : channels),
                        ":run", s(runId))));
    }

    /** Gives up a claim after every channel failed, so the next run tries again. */
    public void release(AlertKey key, String runId) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(key(key))
                    .conditionExpression("runId = :run AND #status = :sending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":run", s(runId), ":sending", s(Status.SENDING.name()))));
        } catch (ConditionalCheckFailedException notOurs) {
            // another run took the claim over meanwhile; leave its state alone
        }
    }

    /** Every alert of {@code month} and its status. */
    public Map<AlertKey, Status> alerts(YearMonth month) {
        Map<AlertKey, Status> alerts = new HashMap<>();
        dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("ALERT#" + month))))
                .items().forEach(item -> alerts.put(AlertKey.parse(month, string(item, SK)),
                        Status.valueOf(string(item, "status"))));
        return alerts;
    }

    /** Marks an active (sent or suppressed) alert recovered; true when this run did it. */
    public boolean recover(AlertKey key, String runId, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(key))
                    .updateExpression("SET #status = :recovered, recoveredAt = :now, runId = :run")
                    .conditionExpression("#status IN (:sent, :suppressed)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":recovered", s(Status.RECOVERED.name()),
                            ":now", s(now.toString()), ":run", s(runId), ":sent", s(Status.SENT.name()),
                            ":suppressed", s(Status.SUPPRESSED.name()))));
            return true;
        } catch (ConditionalCheckFailedException notActive) {
            return false;
        }
    }
}
