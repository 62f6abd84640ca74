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
     * The vendor's billed cost for the UTC days in {@code [from, toExclusive)} that it reported, one entry per
     * day; a reported day without charges has no lines.
     *
     * @throws VendorException on any failure the vendor can cause (HTTP error, timeout, bad body)
     */
    List<DailyCost> collect(String apiKey, LocalDate from, LocalDate toExclusive);
}
