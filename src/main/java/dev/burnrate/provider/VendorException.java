package dev.burnrate.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * An expected failure at a vendor's edge: an HTTP error, a timeout, a body that cannot be read or lacks a
 * required field. The message names the vendor and endpoint and never contains a key.
 */
public class VendorException extends RuntimeException {

    private final boolean retryable;
    private final Duration retryAfter;

    public VendorException(String vendor, String endpoint, String problem) {
        this(vendor, endpoint, problem, null, false, null);
    }

    public VendorException(String vendor, String endpoint, String problem, Throwable cause) {
        this(vendor, endpoint, problem, cause, false, null);
    }

    /**
     * @param retryable  true for failures that may pass on a second try (429, 5xx, timeouts, dropped connections)
     * @param retryAfter how long the vendor asked to wait (its Retry-After header), or null
     */
    public VendorException(String vendor, String endpoint, String problem, Throwable cause, boolean retryable,
            Duration retryAfter) {
        super(vendor + " " + endpoint + ": " + dev.burnrate.config.Redaction.redact(problem), cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The vendor refused the credentials (HTTP 401, or a 403 that is not a rate limit): a key revoked, rotated or
     * lacking a permission. Whatever was kept of the credentials is dropped, so the next check reads them anew.
     */
    public static final class Refused extends VendorException {
        public Refused(String vendor, String endpoint, String problem) {
            super(vendor, endpoint, problem, null, false, null);
        }
    }
}
