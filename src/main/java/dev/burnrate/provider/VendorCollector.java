package dev.burnrate.provider;

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
     * day; a reported day without charges has no lines. Pages are read until the vendor says there are no more;
     * the caller's time budget is the only limit.
     *
     * @param secrets burnrate's secret: the vendor's key (or client secret, service-account key) is in it
     * @throws VendorException on any failure the vendor can cause (HTTP error, timeout, bad body)
     */
    Collected collect(dev.burnrate.config.Secrets secrets, LocalDate from, LocalDate toExclusive);

    /**
     * What one collection read.
     *
     * @param days  one entry per day the vendor reported
     * @param notes what a person should know about this read (e.g. the bytes a query billed), for the report
     */
    record Collected(List<DailyCost> days, List<String> notes) {
        public Collected {
            days = List.copyOf(days);
            notes = List.copyOf(notes);
        }
    }

    /**
     * What is left to spend where the vendor is prepaid (credits), in USD; empty where it is not or cannot say.
     * Called after a successful collection.
     *
     * @throws VendorException when the vendor cannot be read
     */
    default java.util.Optional<java.math.BigDecimal> balanceUsd(dev.burnrate.config.Secrets secrets) {
        return java.util.Optional.empty();
    }

    /**
     * True for vendors whose answer has a bucket for every day asked for, spend or not (OpenAI, Anthropic, Cost
     * Explorer): an answer without any is a glitch, never "no spend", and does not count as a refresh.
     */
    default boolean reportsEveryDay() {
        return false;
    }

    /**
     * What the vendor calls usage that its cost report leaves out (marked {@link UsageLine#notInCost()}), for
     * reports and messages; null where there is none.
     */
    default String notInCostName() {
        return null;
    }

    /** True for vendors that report token usage beside their cost (and so hourly points for the runaway detector). */
    default boolean reportsUsage() {
        return false;
    }

    /**
     * Token and request counts per UTC day in {@code [from, toExclusive)} and per hour from {@code hourlyFrom} on
     * ({@code null}: no hourly counts, for the older slices of a long first window). Only called when
     * {@link #reportsUsage()}, after a successful {@link #collect}; its failure does not undo the stored cost.
     *
     * @throws VendorException on any failure the vendor can cause
     */
    default Usage usage(dev.burnrate.config.Secrets secrets, LocalDate from, LocalDate toExclusive,
            java.time.Instant hourlyFrom) {
        throw new UnsupportedOperationException(id() + " does not report usage");
    }

    /**
     * True when the pulse reads this vendor: it has a minute-grain usage source and it is configured (called only
     * for vendors that are {@link #configured}).
     */
    default boolean pulses() {
        return false;
    }

    /**
     * Token counts over {@code [from, to)} in buckets of {@code bucket} (one minute for the pulse's window, one hour
     * for the history a first pulse reads), keyed by the bucket's start (UTC), with lines per model and, where the
     * source says, project or workspace. A bucket the source reported without lines used nothing; one it did not
     * report is left out. Only called when {@link #pulses()}.
     *
     * @throws VendorException on any failure the vendor can cause
     */
    default java.util.NavigableMap<java.time.Instant, List<UsageLine>> pulse(dev.burnrate.config.Secrets secrets,
            java.time.Instant from, java.time.Instant to, java.time.Duration bucket) {
        throw new UnsupportedOperationException(id() + " has no minute-grain source");
    }

    /**
     * For a vendor whose fast source is a running total of the dollars it has charged (OpenRouter's credits used):
     * that total now. The pulse differences it from one pulse to the next instead of calling {@link #pulse}; its
     * history on a first pulse comes from {@link #pulse} with one-hour buckets, priced as dollars (lines of kind
     * {@code usd}, see {@link UsageLine#quantity()}).
     *
     * @throws VendorException on any failure the vendor can cause
     */
    default java.util.Optional<java.math.BigDecimal> spentSoFarUsd(dev.burnrate.config.Secrets secrets) {
        return java.util.Optional.empty();
    }

    /**
     * True when the pulse's figures are the vendor's own dollars ({@link #spentSoFarUsd}), not tokens at list price:
     * they need no billed rate.
     */
    default boolean pulsesDollars() {
        return false;
    }

    /** Where a person caps or revokes this vendor's spend at once, for runaway messages; null where unknown. */
    default String consoleUrl() {
        return null;
    }

    /** The vendor's key under {@link #id()} in the secret; only called for configured vendors. */
    default String key(dev.burnrate.config.Secrets secrets) {
        return secrets.keyFor(id()).orElseThrow(() -> new IllegalStateException("no key for " + id()));
    }
}
