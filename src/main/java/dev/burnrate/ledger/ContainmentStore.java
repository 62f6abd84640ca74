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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.contain.Action;
import dev.burnrate.contain.ActionStatus;
import dev.burnrate.contain.Mode;
import dev.burnrate.contain.Target;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Containment actions in DynamoDB: {@code CONTAIN} / action id, the whole action with its audit history. Each
 * transition is written over the version it was read at (a new action only where none is), in one transaction with
 * the message it sends (through {@link AlertStore}'s outbox), so a transition and its message happen together or
 * not at all, two runs move an action once, and a write whose answer was lost is recognised as ours by its token.
 * Kept 400 days after its last transition, as an audit.
 */
@ApplicationScoped
public class ContainmentStore {

    static final String CONTAIN = "CONTAIN";
    static final Duration KEPT = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final AlertStore alerts;
    private final String table;

    ContainmentStore(DynamoDbClient dynamo, AlertStore alerts, BurnrateConfig config) {
        this.dynamo = dynamo;
        this.alerts = alerts;
        this.table = config.table();
    }

    /** The action {@code id}, read consistently; empty when there is none. */
    public Optional<Action> get(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(id)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(action(item));
    }

    /** Every action, newest proposal first. */
    public List<Action> list() {
        List<Action> actions = new ArrayList<>();
        alerts.query(CONTAIN).forEach(item -> actions.add(action(item)));
        actions.sort(Comparator.comparing(Action::proposedAt).reversed());
        return actions;
    }

    /**
     * Writes {@code after} over {@code before} (null: a new action, only where none with its id is), with its
     * messages queued. False when another run moved the action first: nothing is written then.
     */
    public boolean write(Action before, Action after, List<AlertStore.Outbound> messages, String runId, int seq,
            Instant now) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = item(after);
        item.put("token", s(token));
        item.put("runId", s(runId));
        if (!after.holdsTarget()) {
            // an action that still holds a vendor's switch (contained, failed part way) never expires: undo needs it
            item.put(TTL, n(now.plus(KEPT).getEpochSecond()));
        }
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (before == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :before").expressionAttributeValues(Map.of(":before",
                    n(before.version())));
        }
        return alerts.transact(TransactWriteItem.builder().put(put.build()).build(), messages, seq, now,
                key(after.id()), token);
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, s(CONTAIN), SK, s(id));
    }

    private static Map<String, AttributeValue> item(Action a) {
        Map<String, AttributeValue> item = new HashMap<>(key(a.id()));
        item.put("vendor", s(a.target().vendor()));
        item.put("targetId", s(a.target().id()));
        item.put("status", s(a.status().name()));
        item.put("mode", s(a.mode().name()));
        item.put("triggerKey", s(a.triggerKey()));
        item.put("reason", s(a.reason()));
        item.put("proposedAt", s(a.proposedAt().toString()));
        item.put("linkExpiresAt", s(a.expiresAt().toString()));
        if (a.capUsd() != null) {
            item.put("capUsd", n(a.capUsd()));
        }
        if (a.prior() != null) {
            item.put("prior", s(a.prior()));
            item.put("priorSummary", s(a.priorSummary()));
        }
        if (a.answer() != null) {
            item.put("answer", s(a.answer()));
        }
        item.put("version", n(a.version()));
        List<AttributeValue> history = new ArrayList<>();
        for (Action.Event e : a.history()) {
            Map<String, AttributeValue> event = new HashMap<>();
            event.put("at", s(e.at().toString()));
            event.put("status", s(e.status().name()));
            if (e.by() != null) {
                event.put("by", s(e.by()));
            }
            if (e.detail() != null) {
                event.put("detail", s(e.detail()));
            }
            history.add(AttributeValue.fromM(event));
        }
        item.put("history", AttributeValue.fromL(history));
        return item;
    }

    private static Action action(Map<String, AttributeValue> item) {
        List<Action.Event> history = new ArrayList<>();
        for (AttributeValue stored : item.get("history").l()) {
            Map<String, AttributeValue> e = stored.m();
            history.add(new Action.Event(Instant.parse(string(e, "at")), ActionStatus.valueOf(string(e, "status")),
                    string(e, "by"), string(e, "detail")));
        }
        return new Action(string(item, SK), new Target(string(item, "vendor"), string(item, "targetId")),
                ActionStatus.valueOf(string(item, "status")), Mode.valueOf(string(item, "mode")),
                string(item, "triggerKey"), string(item, "reason"), Instant.parse(string(item, "proposedAt")),
                Instant.parse(string(item, "linkExpiresAt")), decimal(item, "capUsd"), string(item, "prior"),
                string(item, "priorSummary"), string(item, "answer"), decimal(item, "version").longValue(), history);
    }
}
