package dev.burnrate.vendor;

import java.time.LocalDate;
import java.util.List;

/**
 * Pulls one vendor's billed cost. Implementations are CDI beans; the set of beans is the set of vendors.
 */
public interface VendorCollector {

    /** Stable lower-case id, used as the key in the secret, in DynamoDB keys and in reports. */
    String id();

    /** Name shown to people. */
    String displayName();

    /**
     * True when this vendor is to be collected: by default, when the secret holds a key under {@link #id()}.
     * Vendors reached with the function's own AWS permissions decide from configuration instead.
     */
    default boolean configured(dev.burnrate.config.Secrets secrets) {
        return secrets.keyFor(id()).isPresent();
    }

    /**
     * The shortest time between two calls, for vendors that charge per request; within it the stored days
     * are used as they are. Zero by default.
     */
    default java.time.Duration minInterval() {
        return java.time.Duration.ZERO;
    }

    /**
     * The vendor's billed cost for the UTC days in {@code [from, toExclusive)} that it reported, one entry per
     * day; a reported day without charges has no lines.
     *
     * @param apiKey the vendor's key from the secret, or null for vendors that need none
     * @throws VendorException on any failure the vendor can cause (HTTP error, timeout, bad body)
     */
    List<DailyCost> collect(String apiKey, LocalDate from, LocalDate toExclusive);

    /**
     * Collects with the whole secret at hand, for vendors that need more than one value from it. By default the
     * key under {@link #id()}.
     */
    default List<DailyCost> collect(dev.burnrate.config.Secrets secrets, LocalDate from, LocalDate toExclusive) {
        return collect(secrets.keyFor(id()).orElse(null), from, toExclusive);
    }
}
