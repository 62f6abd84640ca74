package dev.burnrate.ledger;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attribute helpers and key formats of the single table (see DESIGN.md, "Data model"). */
final class Items {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String TTL = "expiresAt";

    private Items() {
    }

    static String costPartition(YearMonth month) {
        return "COST#" + month;
    }

    /** The partition of a month's usage lines, in parts (the totals stay in {@link #costPartition}). */
    static String usagePartition(YearMonth month) {
        return "USAGE#" + month;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }
}
