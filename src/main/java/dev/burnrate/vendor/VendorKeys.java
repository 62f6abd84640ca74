package dev.burnrate.vendor;

import java.util.Map;
import java.util.Optional;

/** The vendors' admin keys, by vendor id. {@link #toString()} never shows a key. */
public final class VendorKeys {

    private final Map<String, String> keys;

    public VendorKeys(Map<String, String> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static VendorKeys none() {
        return new VendorKeys(Map.of());
    }

    /** The key for {@code vendor}, or empty when it has none or a blank one. */
    public Optional<String> keyFor(String vendor) {
        return Optional.ofNullable(keys.get(vendor)).filter(key -> !key.isBlank());
    }

    @Override
    public String toString() {
        return "VendorKeys" + keys.keySet();
    }
}
