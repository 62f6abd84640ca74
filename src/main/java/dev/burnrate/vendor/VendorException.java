package dev.burnrate.vendor;

/**
 * An expected failure at a vendor's edge: an HTTP error, a timeout, a body that cannot be read or lacks a
 * required field. The message names the vendor and endpoint and never contains a key.
 */
public class VendorException extends RuntimeException {

    public VendorException(String vendor, String endpoint, String problem) {
        super(vendor + " " + endpoint + ": " + Redaction.redact(problem));
    }

    public VendorException(String vendor, String endpoint, String problem, Throwable cause) {
        super(vendor + " " + endpoint + ": " + Redaction.redact(problem), cause);
    }
}
