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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.BurnrateConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * What the pulse stores, apart from the hourly check's points: per vendor and UTC day one item of hours
 * ({@code PULSE#<vendor>} / {@code <day>}: {@code h00}..{@code h23} estimated dollars, {@code models} seen), its state
 * ({@code PULSE#<vendor>} / {@code ~state}: since when its fast source is unread, when its history was read), and
 * per hour its twelve five-minute points ({@code PULSEMIN#<vendor>} / {@code <hour>}, kept two days). One query
 * reads a vendor's history and state; a pulse writes only the hours whose figure changed, one UpdateItem a day, so
 * two pulses that overlap write the same figures.
 */
@ApplicationScoped
public class PulseLedger {

    /** Days an hour item is kept after its day ends: the detector's four weeks and the current one. */
    static final int TTL_DAYS = 35;
    /** How long five-minute points are kept: the pulse reads only the last two hours. */
    static final Duration SLOTS_KEPT = Duration.ofDays(2);
    private static final String PULSE = "PULSE#";
    private static final String SLOTS = "PULSEMIN#";
    static final String STATE = "~state";
    private static final DateTimeFormatter HOUR_KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH")
            .withZone(ZoneOffset.UTC);

    /**
     * A vendor's stored pulse history.
     *
     * @param hourly       estimated dollars per hour, keyed by the hour's start
     * @param models       every model seen on those days
     * @param firstDay     the first day stored, or null
     * @param unreadSince  since when its fast source has not been read, or null
     * @param historyRead  when its hourly history was read from the vendor (a first pulse does it), or null
     * @param lastTotal    the last sample of a vendor whose fast source is a running total (OpenRouter), or null
     * @param price        what the vendor billed per list-price dollar of its tokens lately, or null
     */
    public record History(NavigableMap<Instant, BigDecimal> hourly, Set<String> models, LocalDate firstDay,
            Instant unreadSince, Instant historyRead, Total lastTotal, BilledRate price) {
    }

    /**
     * The vendor's billed cost over the list-price estimate of its tokens on the same complete days.
     *
     * @param factor   billed ÷ list estimate
     * @param from     the first day it was measured on
     * @param to       the last day
     * @param previous the factor it replaced (the week before), or null
     * @param measuredAt when it was measured
     */
    public record BilledRate(BigDecimal factor, LocalDate from, LocalDate to, BigDecimal previous,
            Instant measuredAt) {
    }

    /** A running total of dollars as sampled at {@code at}. */
    public record Total(Instant at, BigDecimal usd) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    PulseLedger(DynamoDbClient dynamo, BurnrateConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    /** The vendor's hours from {@code from} on, its models and its state, in one query. */
    public History history(String vendor, LocalDate from) {
        NavigableMap<Instant, BigDecimal> hourly = new TreeMap<>();
        Set<String> models = new TreeSet<>();
        LocalDate first = null;
        Instant unread = null;
        Instant historyRead = null;
        Total total = null;
        BilledRate price = null;
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk AND sk >= :from").expressionAttributeValues(Map.of(":pk",
                        s(PULSE + vendor), ":from", s(from.toString())))).items()) {
            String sk = string(item, SK);
            if (STATE.equals(sk)) {
                unread = instant(string(item, "unreadSince"));
                historyRead = instant(string(item, "historyRead"));
                if (string(item, "lastTotalAt") != null) {
                    total = new Total(Instant.parse(string(item, "lastTotalAt")), decimal(item, "lastTotalUsd"));
                }
                if (decimal(item, "priceFactor") != null) {
                    price = new BilledRate(decimal(item, "priceFactor"), LocalDate.parse(string(item, "priceFrom")),
                            LocalDate.parse(string(item, "priceTo")), decimal(item, "priceFactorBefore"),
                            instant(string(item, "priceMeasuredAt")));
                }
                continue;
            }
            LocalDate day = LocalDate.parse(sk);
            first = first == null || day.isBefore(first) ? day : first;
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int hour = 0; hour < 24; hour++) {
                BigDecimal usd = decimal(item, hourAttribute(hour));
                if (usd != null) {
                    hourly.put(start.plus(Duration.ofHours(hour)), usd);
                }
            }
            AttributeValue seen = item.get("models");
            if (seen != null && seen.hasSs()) {
                models.addAll(seen.ss());
            }
        }
        return new History(hourly, models, first, unread, historyRead, total, price);
    }

    /**
     * Stores complete hours (overwriting each hour's figure) and adds the models seen, one UpdateItem per day; an
     * hour whose figure is already {@code stored} is not written again.
     */
    public void putHours(String vendor, NavigableMap<Instant, BigDecimal> hours, Set<String> models,
            NavigableMap<Instant, BigDecimal> stored) {
        Map<LocalDate, Map<Integer, BigDecimal>> byDay = new TreeMap<>();
        hours.forEach((hour, usd) -> {
            BigDecimal known = stored.get(hour);
            if (known == null || known.compareTo(usd) != 0) {
                byDay.computeIfAbsent(day(hour), d -> new TreeMap<>()).put(hour.atZone(ZoneOffset.UTC).getHour(), usd);
            }
        });
        if (!models.isEmpty() && !hours.isEmpty()) {
            byDay.computeIfAbsent(day(hours.lastKey()), d -> new TreeMap<>());
        }
        byDay.forEach((day, values) -> {
            StringBuilder set = new StringBuilder("SET ").append(TTL).append(" = :ttl");
            Map<String, AttributeValue> attributes = new HashMap<>();
            attributes.put(":ttl", n(day.plusDays(1 + TTL_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
            values.forEach((hour, usd) -> {
                set.append(", ").append(hourAttribute(hour)).append(" = :").append(hourAttribute(hour));
                attributes.put(":" + hourAttribute(hour), n(usd));
            });
            String expression = set.toString();
            if (!models.isEmpty() && day.equals(day(hours.lastKey()))) {
                expression += " ADD models :models";
                attributes.put(":models", AttributeValue.fromSs(new ArrayList<>(models)));
            }
            String update = expression;
            dynamo.updateItem(r -> r.tableName(table).key(Map.of(PK, s(PULSE + vendor), SK, s(day.toString())))
                    .updateExpression(update).expressionAttributeValues(attributes));
        });
    }

    /** Stores each hour's twelve five-minute points (a missing slot is zero), one PutItem an hour. */
    public void putSlots(String vendor, NavigableMap<Instant, BigDecimal> slots) {
        Map<Instant, List<AttributeValue>> byHour = new TreeMap<>();
        slots.forEach((slot, usd) -> byHour.computeIfAbsent(slot.truncatedTo(ChronoUnit.HOURS), h -> {
            List<AttributeValue> zeros = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                zeros.add(n(BigDecimal.ZERO));
            }
            return zeros;
        }).set(slot.atZone(ZoneOffset.UTC).getMinute() / 5, n(usd)));
        byHour.forEach((hour, values) -> {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(PK, s(SLOTS + vendor));
            item.put(SK, s(HOUR_KEY.format(hour)));
            item.put("slots", AttributeValue.fromL(values));
            item.put(TTL, n(hour.plus(SLOTS_KEPT).getEpochSecond()));
            dynamo.putItem(r -> r.tableName(table).item(item));
        });
    }

    /** A vendor's stored five-minute points of the hours {@code [from, to)}, for the local command and tests. */
    public NavigableMap<Instant, BigDecimal> slots(String vendor, Instant from, Instant to) {
        NavigableMap<Instant, BigDecimal> slots = new TreeMap<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to").expressionAttributeValues(Map.of(
                        ":pk", s(SLOTS + vendor), ":from", s(HOUR_KEY.format(from)), ":to",
                        s(HOUR_KEY.format(to))))).items()) {
            Instant hour = java.time.LocalDateTime.parse(string(item, SK) + ":00").toInstant(ZoneOffset.UTC);
            List<AttributeValue> values = item.get("slots").l();
            for (int i = 0; i < values.size(); i++) {
                Instant slot = hour.plus(Duration.ofMinutes(5L * i));
                if (!slot.isBefore(from) && slot.isBefore(to)) {
                    slots.put(slot, new BigDecimal(values.get(i).n()));
                }
            }
        }
        return slots;
    }

    /**
     * Records a new sample of the running total, over the one it was differenced from ({@code previous}, null for
     * none): false when another pulse recorded a sample since, so this pulse's difference is not counted twice.
     */
    public boolean recordTotal(String vendor, Total sample, Total previous) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", s(sample.at().toString()));
        values.put(":usd", n(sample.usd()));
        String condition;
        if (previous == null) {
            condition = "attribute_not_exists(lastTotalAt)";
        } else {
            condition = "lastTotalAt = :previous";
            values.put(":previous", s(previous.at().toString()));
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(stateKey(vendor))
                    .updateExpression("SET lastTotalAt = :at, lastTotalUsd = :usd").conditionExpression(condition)
                    .expressionAttributeValues(values));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Records the vendor's billed rate (see {@link BilledRate}). */
    public void recordBilledRate(String vendor, BilledRate rate) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":f", n(rate.factor()));
        values.put(":from", s(rate.from().toString()));
        values.put(":to", s(rate.to().toString()));
        values.put(":at", s(rate.measuredAt().toString()));
        String update = "SET priceFactor = :f, priceFrom = :from, priceTo = :to, priceMeasuredAt = :at";
        if (rate.previous() != null) {
            update += ", priceFactorBefore = :before";
            values.put(":before", n(rate.previous()));
        } else {
            update += " REMOVE priceFactorBefore";
        }
        String expression = update;
        dynamo.updateItem(r -> r.tableName(table).key(stateKey(vendor)).updateExpression(expression)
                .expressionAttributeValues(values));
    }

    /** Records that the vendor's hourly history was read from it at {@code at}. */
    public void recordHistoryRead(String vendor, Instant at) {
        dynamo.updateItem(r -> r.tableName(table).key(stateKey(vendor)).updateExpression("SET historyRead = :at")
                .expressionAttributeValues(Map.of(":at", s(at.toString()))));
    }

    /** Records that the fast source failed at {@code at}; returns since when it has been unread. */
    public Instant recordUnread(String vendor, Instant at) {
        Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table).key(stateKey(vendor))
                .updateExpression("SET unreadSince = if_not_exists(unreadSince, :at)")
                .expressionAttributeValues(Map.of(":at", s(at.toString()))).returnValues(ReturnValue.ALL_NEW))
                .attributes();
        return Instant.parse(string(updated, "unreadSince"));
    }

    /** Records that the fast source, unread before, was read again. */
    public void recordRead(String vendor) {
        dynamo.updateItem(r -> r.tableName(table).key(stateKey(vendor)).updateExpression("REMOVE unreadSince"));
    }

    private static Map<String, AttributeValue> stateKey(String vendor) {
        return Map.of(PK, s(PULSE + vendor), SK, s(STATE));
    }

    private static String hourAttribute(int hour) {
        return String.format("h%02d", hour);
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
