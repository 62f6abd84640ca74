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
     * @param secrets burnrate's secret: the vendor's key (or client secret, service-account key) is in it
     * @throws VendorException on any failure the vendor can cause (HTTP error, timeout, bad body)
     */
    List<DailyCost> collect(dev.burnrate.config.Secrets secrets, LocalDate from, LocalDate toExclusive);

    /**
     * What is left to spend where the vendor is prepaid (credits), in USD; empty where it is not or cannot say.
     * Called after a successful collection.
     *
     * @throws VendorException when the vendor cannot be read
     */
    default java.util.Optional<java.math.BigDecimal> balanceUsd(dev.burnrate.config.Secrets secrets) {
        return java.util.Optional.empty();
    }

    /** True for vendors that report token usage beside their cost (and so hourly points for the runaway detector). */
    default boolean reportsUsage() {
        return false;
    }

    /**
     * Token and request counts per UTC day in {@code [from, toExclusive)} and per hour from {@code hourlyFrom} on.
     * Only called when {@link #reportsUsage()}, after a successful {@link #collect}; its failure does not undo the
     * stored cost.
     *
     * @throws VendorException on any failure the vendor can cause
     */
    default Usage usage(dev.burnrate.config.Secrets secrets, LocalDate from, LocalDate toExclusive,
            java.time.Instant hourlyFrom) {
        throw new UnsupportedOperationException(id() + " does not report usage");
    }

    /** The vendor's key under {@link #id()} in the secret; only called for configured vendors. */
    default String key(dev.burnrate.config.Secrets secrets) {
        return secrets.keyFor(id()).orElseThrow(() -> new IllegalStateException("no key for " + id()));
    }
}
