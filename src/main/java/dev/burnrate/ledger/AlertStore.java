package dev.burnrate.ledger;

import static dev.burnrate.ledger.Items.PK;
import static dev.burnrate.ledger.Items.SK;
import static dev.burnrate.ledger.Items.TTL;
import static dev.burnrate.ledger.Items.decimal;
import static dev.burnrate.ledger.Items.n;
import static dev.burnrate.ledger.Items.s;
import static dev.burnrate.ledger.Items.string;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.burnrate.alert.AlertKey;
import dev.burnrate.alert.AlertState;
import dev.burnrate.alert.AlertState.Status;
import dev.burnrate.alert.RunawayEpisode;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.forecast.RunawayDetector;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Alert state and the outbox in DynamoDB. Every transition is a conditional write carrying a fresh token, and
 * the message it sends is written to the outbox in the same transaction, so a transition and its message happen
 * together or not at all; a write whose answer was lost (the SDK's retry then sees its own write as a failed
 * condition) is recognised as ours by its token.
 * <ul>
 * <li>{@code ALERT#<month>} / {@link AlertKeys#sortKey}: status SENT, SUPPRESSED or RECOVERED; a claim succeeds only
 * on an absent or recovered alert, a recovery only on a sent or suppressed one.</li>
 * <li>{@code RUNAWAY} / vendor: the vendor's latest runaway episode; a change is written only over the version it
 * was read at.</li>
 * <li>{@code OUTBOX} / {@code <queuedAt>#<seq>#<id>}: a message still to deliver, the channels that took it, and
 * a lease held by the run delivering it (see {@code notify.Dispatcher}).</li>
 * </ul>
 */
@ApplicationScoped
public class AlertStore {

    private static final Logger LOG = Logger.getLogger(AlertStore.class);
    static final String RUNAWAY = "RUNAWAY";
    static final String OUTBOX = "OUTBOX";
    /** Alert state is kept this long after its month: vendor episodes are read one month on. */
    static final Duration ALERT_TTL = Duration.ofDays(100);
    /** A queued message is dropped by DynamoDB after this even if nobody delivered or gave it up. */
    static final Duration OUTBOX_TTL = Duration.ofDays(3);

    private final DynamoDbClient dynamo;
    private final String table;

    AlertStore(DynamoDbClient dynamo, BurnrateConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    /** A message to queue with a transition: opaque text for the outbox, with its kind and budget for people. */
    public record Outbound(String kind, String budget, String message) {
    }

    /** A queued message as stored. */
    public record Queued(String id, String kind, String budget, String message, Instant queuedAt,
            Set<String> delivered, int attempts, Instant leaseUntil) {
    }

    // ---------------------------------------------------------------- alert state

    /** Every alert of {@code months} and the latest runaway episode of each of {@code vendors}. */
    public AlertState.Snapshot read(Set<YearMonth> months, Collection<String> vendors) {
        Map<AlertKey, Status> alerts = new HashMap<>();
        for (YearMonth month : months) {
            for (Map<String, AttributeValue> item : query(AlertKeys.partition(month))) {
                String sk = string(item, SK);
                AlertKey key;
                try {
                    key = AlertKeys.parse(month, sk);
                } catch (IllegalArgumentException notTyped) {
                    key = migrate(month, item).orElse(null);
                    if (key == null) {
                        continue;
                    }
                }
                alerts.put(key, status(item));
            }
        }
        Map<String, RunawayEpisode> runaways = new TreeMap<>();
        query(RUNAWAY).forEach(item -> {
            RunawayEpisode episode = episode(item);
            if (vendors.contains(episode.vendor())) {
                runaways.put(episode.vendor(), episode);
            }
        });
        return new AlertState.Snapshot(alerts, runaways);
    }

    /** A legacy status: a claim that was being sent counts as sent (its run is long over). */
    private static Status status(Map<String, AttributeValue> item) {
        String status = string(item, "status");
        return "SENDING".equals(status) ? Status.SENT : Status.valueOf(status);
    }

    /**
     * Moves an alert item written before kinds were typed to its key of today (see {@link AlertKeys#parseLegacy}),
     * keeping its status; drops one that has no key today (a runaway: episodes are state of their own now).
     */
    private java.util.Optional<AlertKey> migrate(YearMonth month, Map<String, AttributeValue> item) {
        String sk = string(item, SK);
        java.util.Optional<AlertKey> key = AlertKeys.parseLegacy(month, sk);
        List<TransactWriteItem> writes = new ArrayList<>();
        key.ifPresent(k -> {
            Map<String, AttributeValue> moved = new HashMap<>(item);
            moved.putAll(alertKey(k));
            moved.put("status", s(status(item).name()));
            moved.put("kind", s(k.wireName()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(moved)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        });
        writes.add(TransactWriteItem.builder().delete(software.amazon.awssdk.services.dynamodb.model.Delete.builder()
                .tableName(table).key(Map.of(PK, item.get(PK), SK, item.get(SK))).build()).build());
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            LOG.infof("alert item %s of %s %s", sk, month, key.map(k -> "moved to " + AlertKeys.sortKey(k))
                    .orElse("dropped: it has no key today"));
        } catch (TransactionCanceledException movedMeanwhile) {
            // another run moved it first
        }
        return key;
    }

    /**
     * Claims an absent or recovered alert as SENT (queuing {@code message}) or SUPPRESSED ({@code message} null).
     * False when another run holds it.
     */
    public boolean claim(AlertKey key, BigDecimal value, Outbound message, String runId, int seq, Instant now) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(alertKey(key));
        item.put("status", s((message != null ? Status.SENT : Status.SUPPRESSED).name()));
        item.put("kind", s(key.wireName()));
        item.put("token", s(token));
        item.put("runId", s(runId));
        item.put("claimedAt", s(now.toString()));
        item.put("lastValue", n(value));
        item.put(TTL, n(key.month().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(ALERT_TTL)
                .getEpochSecond()));
        Put put = Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR #status = :recovered")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":recovered", s(Status.RECOVERED.name()))).build();
        return transact(TransactWriteItem.builder().put(put).build(), message, seq, now, alertKey(key), token);
    }

    /** Marks a sent or suppressed alert recovered, queuing {@code message} when not null. */
    public boolean recover(AlertKey key, Outbound message, String runId, int seq, Instant now) {
        String token = UUID.randomUUID().toString();
        var update = software.amazon.awssdk.services.dynamodb.model.Update.builder().tableName(table).key(alertKey(key))
                .updateExpression("SET #status = :recovered, recoveredAt = :now, runId = :run, #token = :token")
                .conditionExpression("#status IN (:sent, :suppressed)")
                .expressionAttributeNames(Map.of("#status", "status", "#token", "token"))
                .expressionAttributeValues(Map.of(":recovered", s(Status.RECOVERED.name()), ":now", s(now.toString()),
                        ":run", s(runId), ":token", s(token), ":sent", s(Status.SENT.name()),
                        ":suppressed", s(Status.SUPPRESSED.name())))
                .build();
        return transact(TransactWriteItem.builder().update(update).build(), message, seq, now, alertKey(key), token);
    }

    /** Writes a runaway episode over the version it was read at (or as the vendor's first), queuing its messages. */
    public boolean advance(RunawayEpisode before, RunawayEpisode after, List<Outbound> messages, String runId, int seq,
            Instant now) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(episodeKey(after.vendor()));
        item.putAll(episodeItem(after));
        item.put("token", s(token));
        item.put("runId", s(runId));
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (before == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :before").expressionAttributeValues(Map.of(":before",
                    n(before.version())));
        }
        return transact(TransactWriteItem.builder().put(put.build()).build(), messages, seq, now,
                episodeKey(after.vendor()), token);
    }

    private boolean transact(TransactWriteItem state, Outbound message, int seq, Instant now,
            Map<String, AttributeValue> key, String token) {
        return transact(state, message == null ? List.of() : List.of(message), seq, now, key, token);
    }

    /**
     * Writes the state item and its messages at once. A failed condition means another run got there first,
     * unless the state item carries our token: then our own write committed and only its answer was lost.
     */
    boolean transact(TransactWriteItem state, List<Outbound> messages, int seq, Instant now,
            Map<String, AttributeValue> key, String token) {
        List<TransactWriteItem> all = new ArrayList<>();
        all.add(state);
        for (int i = 0; i < messages.size(); i++) {
            all.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(outboxItem(messages.get(i), seq + i, now, token))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(all));
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (ours(key, token)) {
                LOG.infof("a state write's answer was lost but it committed (token %s); it counts as ours", token);
                return true;
            }
            return false;
        }
    }

    private boolean ours(Map<String, AttributeValue> key, String token) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item != null && token.equals(string(item, "token"));
    }

    // ---------------------------------------------------------------- outbox

    /** Every queued message, oldest first. */
    public List<Queued> outbox() {
        List<Queued> queued = new ArrayList<>();
        query(OUTBOX).forEach(item -> queued.add(new Queued(string(item, SK), string(item, "kind"),
                string(item, "budget"), string(item, "message"), Instant.parse(string(item, "queuedAt")),
                item.containsKey("delivered") ? new HashSet<>(item.get("delivered").ss()) : Set.of(),
                decimal(item, "attempts") == null ? 0 : decimal(item, "attempts").intValue(),
                string(item, "leaseUntil") == null ? null : Instant.parse(string(item, "leaseUntil")))));
        return queued;
    }

    /**
     * Takes a queued message for delivery until {@code until}, when nobody holds it or the holder's lease ran out
     * (its run died); true when this run has it.
     */
    public boolean lease(String id, String token, Instant now, Instant until) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(outboxKey(id))
                    .updateExpression("SET leaseToken = :token, leaseUntil = :until ADD attempts :one")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(leaseUntil) "
                            + "OR leaseUntil <= :now OR leaseToken = :token)")
                    .expressionAttributeValues(Map.of(":token", s(token), ":until", s(until.toString()),
                            ":now", s(now.toString()), ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    /**
     * Records that {@code channel} took a leased message (receipt: the provider's message id); false when the lease
     * is no longer this run's (another run took the message over), so this run must leave it alone.
     */
    public boolean delivered(String id, String token, String channel, String receipt) {
        return underLease(id, token, "ADD delivered :channel SET receipts.#channel = :receipt",
                Map.of("#channel", channel), Map.of(":channel", AttributeValue.fromSs(List.of(channel)),
                        ":receipt", s(receipt == null ? "" : receipt)));
    }

    /** Records why {@code channel} did not take a leased message; false when the lease is no longer this run's. */
    public boolean failed(String id, String token, String channel, String error) {
        return underLease(id, token, "SET errors.#channel = :error", Map.of("#channel", channel),
                Map.of(":error", s(error)));
    }

    /**
     * Gives a leased message back so the next run tries its remaining channels at once. Nothing to do when it is
     * no longer ours: already released or finished by our own write whose answer was lost, or taken over.
     */
    public void release(String id, String token) {
        underLease(id, token, "REMOVE leaseUntil, leaseToken", Map.of(), Map.of());
    }

    /** One update of a leased message, made only while this run holds the lease; false when it does not. */
    private boolean underLease(String id, String token, String update, Map<String, String> names,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> withToken = new HashMap<>(values);
        withToken.put(":token", s(token));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(outboxKey(id)).updateExpression(update)
                    .conditionExpression("leaseToken = :token")
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(withToken));
            return true;
        } catch (ConditionalCheckFailedException notOurs) {
            return false;
        }
    }

    /** Removes a leased message: every channel took it, or it was given up. */
    public void finish(String id, String token) {
        try {
            dynamo.deleteItem(r -> r.tableName(table).key(outboxKey(id))
                    .conditionExpression("leaseToken = :token")
                    .expressionAttributeValues(Map.of(":token", s(token))));
        } catch (ConditionalCheckFailedException gone) {
            // already removed by our own write whose answer was lost
        }
    }

    // ---------------------------------------------------------------- items

    List<Map<String, AttributeValue>> query(String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk)))).items().forEach(items::add);
        return items;
    }

    private static Map<String, AttributeValue> alertKey(AlertKey key) {
        return Map.of(PK, s(AlertKeys.partition(key.month())), SK, s(AlertKeys.sortKey(key)));
    }

    private static Map<String, AttributeValue> episodeKey(String vendor) {
        return Map.of(PK, s(RUNAWAY), SK, s(AlertKeys.escape(vendor)));
    }

    private static Map<String, AttributeValue> outboxKey(String id) {
        return Map.of(PK, s(OUTBOX), SK, s(id));
    }

    private static Map<String, AttributeValue> outboxItem(Outbound message, int seq, Instant now, String token) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(outboxKey(now + "#" + String.format("%04d", seq) + "#"
                + token.substring(0, 8)));
        item.put("kind", s(message.kind()));
        item.put("budget", s(message.budget()));
        item.put("message", s(message.message()));
        item.put("queuedAt", s(now.toString()));
        item.put("receipts", AttributeValue.fromM(Map.of()));
        item.put("errors", AttributeValue.fromM(Map.of()));
        item.put(TTL, n(now.plus(OUTBOX_TTL).getEpochSecond()));
        return item;
    }

    private static Map<String, AttributeValue> episodeItem(RunawayEpisode e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("vendor", s(e.vendor()));
        item.put("startedAt", s(e.startedAt().toString()));
        item.put("status", s(e.status().name()));
        item.put("lastRaisedHour", s(e.lastRaisedHour().toString()));
        item.put("evaluatedThrough", s(e.evaluatedThrough().toString()));
        item.put("baselineUsd", AttributeValue.fromL(e.profile().baselineUsd().stream().map(Items::n).toList()));
        item.put("minimumExcessUsd", AttributeValue.fromL(e.profile().minimumExcessUsd().stream().map(Items::n).toList()));
        item.put("firstHourUsd", n(e.firstHourUsd()));
        item.put("lastHourUsd", n(e.lastHourUsd()));
        item.put("spentUsd", n(e.spentUsd()));
        item.put("usualUsd", n(e.usualUsd()));
        item.put("raisedHours", n(e.raisedHours()));
        item.put("reminders", n(e.reminders()));
        item.put("escalations", n(e.escalations()));
        item.put("announcedHourUsd", n(e.announcedHourUsd()));
        if (e.endedAt() != null) {
            item.put("endedAt", s(e.endedAt().toString()));
        }
        item.put("version", n(e.version()));
        if (e.opening() != null) {
            RunawayEpisode.Opening o = e.opening();
            Map<String, AttributeValue> opening = new HashMap<>();
            opening.put("since", s(o.since().toString()));
            opening.put("windowMinutes", n(o.windowMinutes()));
            opening.put("hourlyRateUsd", n(o.hourlyRateUsd()));
            opening.put("usualRateUsd", n(o.usualRateUsd()));
            opening.put("signals", AttributeValue.fromL(o.signals().stream().map(Items::s).toList()));
            item.put("opening", AttributeValue.fromM(opening));
        }
        return item;
    }

    private static RunawayEpisode.Opening opening(AttributeValue stored) {
        if (stored == null || !stored.hasM()) {
            return null;
        }
        Map<String, AttributeValue> o = stored.m();
        return new RunawayEpisode.Opening(Instant.parse(string(o, "since")), decimal(o, "windowMinutes").intValue(),
                decimal(o, "hourlyRateUsd"), decimal(o, "usualRateUsd"),
                o.get("signals") == null ? List.of() : o.get("signals").l().stream().map(AttributeValue::s).toList());
    }

    private static RunawayEpisode episode(Map<String, AttributeValue> item) {
        return new RunawayEpisode(string(item, "vendor"), Instant.parse(string(item, "startedAt")),
                RunawayEpisode.Status.valueOf(string(item, "status")), Instant.parse(string(item, "lastRaisedHour")),
                Instant.parse(string(item, "evaluatedThrough")),
                new RunawayDetector.Profile(numbers(item.get("baselineUsd")), numbers(item.get("minimumExcessUsd"))),
                decimal(item, "firstHourUsd"), decimal(item, "lastHourUsd"), decimal(item, "spentUsd"),
                decimal(item, "usualUsd"), decimal(item, "raisedHours").intValue(), decimal(item, "reminders").intValue(),
                decimal(item, "escalations").intValue(), decimal(item, "announcedHourUsd"),
                string(item, "endedAt") == null ? null : Instant.parse(string(item, "endedAt")),
                decimal(item, "version").longValue(), opening(item.get("opening")));
    }

    private static List<BigDecimal> numbers(AttributeValue list) {
        return list.l().stream().map(v -> new BigDecimal(v.n())).toList();
    }
}
