package dev.burnrate.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its 400 KB limit: attribute names and string values in UTF-8 bytes,
 * numbers at about one byte per two digits plus one, and 3 bytes of overhead per map or list plus one per element
 * ("Item sizes and formats", DynamoDB Developer Guide). An upper estimate: numbers are counted generously.
 */
final class ItemSize {

    /** DynamoDB's limit on one item. */
    static final int LIMIT_BYTES = 400 * 1024;

    private ItemSize() {
    }

    static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    private static int of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return (value.n().length() + 1) / 2 + 1;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        }
        int size = 3;
        if (value.hasM()) {
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                size += 1 + utf8(entry.getKey()) + of(entry.getValue());
            }
        } else if (value.hasL()) {
            for (AttributeValue element : value.l()) {
                size += 1 + of(element);
            }
        }
        return size;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
