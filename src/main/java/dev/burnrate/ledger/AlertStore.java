package dev.burnrate.ledger;

import static dev.burnrate.ledger.Items.PK;
import static dev.burnrate.ledger.Items.SK;
import static dev.burnrate.ledger.Items.n;
import static dev.burnrate.ledger.Items.s;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.budget.AlertKey;
import dev.burnrate.budget.AlertState;
import dev.burnrate.config.BurnrateConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Alert state, one item per month, budget, kind and level. A conditional put claims the right to send, so
 * two overlapping invocations cannot both send the same alert. A claim whose sender died is taken over
 * after {@link #STALE_CLAIM} (longer than the Lambda's maximum run time).
 */
@ApplicationScoped
public class AlertStore {

    static final Duration STALE_CLAIM = Duration.ofMinutes(20);
    private static final String SENDING = "SENDING";
    private static final String SENT = "SENT";

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
            public boolean claim(AlertKey key, BigDecimal value) {
                return AlertStore.this.claim(key, runId, now, value);
            }

            @Override
            public boolean isClaimed(AlertKey key) {
                return AlertStore.this.isClaimed(key);
            }
        };
    }

    /**
     * Claims {@code key} for this run. True when this run may send; false when the alert was already sent or
     * another run is sending it now.
     */
    public boolean claim(AlertKey key, String runId, Instant now, BigDecimal value) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(key));
        item.put("status", s(SENDING));
        item.put("runId", s(runId));
        item.put("claimedAt", s(now.toString()));
        item.put("lastValue", n(value));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (#status = :sending AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sending", s(SENDING),
                            ":stale", s(now.minus(STALE_CLAIM).toString()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyClaimed) {
            return false;
        }
    }

    /** Marks a claimed alert as sent through {@code channels}; it will not be sent again this month. */
    public void markSent(AlertKey key, String runId, Instant now, List<String> channels) {
        dynamo.updateItem(r -> r.tableName(table).key(key(key))
                .updateExpression("SET #status = :sent, firstSentAt = :now, channels = :channels")
                .conditionExpression("runId = :run")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":sent", s(SENT), ":now", s(now.toString()),
                        ":channels", AttributeValue.fromSs(channels.isEmpty() ? List.of("none") : channels),
                        ":run", s(runId))));
    }

    /** Gives up a claim after every channel failed, so the next run tries again. */
    public void release(AlertKey key, String runId) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(key(key))
                    .conditionExpression("runId = :run AND #status = :sending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":run", s(runId), ":sending", s(SENDING))));
        } catch (ConditionalCheckFailedException notOurs) {
            // another run took the claim over meanwhile; leave its state alone
        }
    }

    /** True when {@code key} was already sent (or is being sent) this month. */
    public boolean isClaimed(AlertKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(key)).consistentRead(true))
                .item();
        return item != null && !item.isEmpty();
    }
}
