package dev.burnrate.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a vendor's HTTP answer into a value or a {@link VendorException} that says what went wrong.
 */
public final class VendorHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VendorHttp() {
    }

    /**
     * Calls the vendor and reads a 2xx body as {@code type}.
     *
     * @throws VendorException for connection failures and timeouts, non-2xx answers (with the vendor's
     *                         own error message) and bodies that are not the expected JSON
     */
    public static <T> T call(String vendor, String endpoint, Supplier<Response> request, Class<T> type) {
        return call(vendor, endpoint, request, type, false);
    }

    /**
     * Headers that say how long to wait before asking again: the standard one, and Azure Cost Management's, whose
     * query budget is counted per query unit, per scope and per tenant (the longest wait wins).
     */
    static final java.util.List<String> RETRY_AFTER_HEADERS = java.util.List.of("Retry-After",
            "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after",
            "x-ms-ratelimit-microsoft.costmanagement-entity-retry-after",
            "x-ms-ratelimit-microsoft.costmanagement-tenant-retry-after");
    /** Reasons in a Google API error that mean "too fast, try later" although the status is 403. */
    static final java.util.Set<String> GOOGLE_RATE_REASONS = java.util.Set.of("rateLimitExceeded", "quotaExceeded",
            "userRateLimitExceeded");

    /**
     * As {@link #call(String, String, Supplier, Class)}; with {@code noContentIsEmpty}, an HTTP 204 answer is null
     * (the vendor documents it as "nothing to report").
     */
    public static <T> T call(String vendor, String endpoint, Supplier<Response> request, Class<T> type,
            boolean noContentIsEmpty) {
        return call(vendor, endpoint, request, type, noContentIsEmpty, false);
    }

    /**
     * As {@link #call(String, String, Supplier, Class)}, but an HTTP 404 answer is null: the vendor says there is no
     * such thing (a project without a hard spend limit, an inline policy not attached).
     */
    public static <T> T callOrAbsent(String vendor, String endpoint, Supplier<Response> request, Class<T> type) {
        return call(vendor, endpoint, request, type, false, true);
    }

    private static <T> T call(String vendor, String endpoint, Supplier<Response> request, Class<T> type,
            boolean noContentIsEmpty, boolean notFoundIsNull) {
        try (Response response = send(vendor, endpoint, request)) {
            int status = response.getStatus();
            if (status == 204 && noContentIsEmpty || status == 404 && notFoundIsNull) {
                return null;
            }
            if (status < 200 || status >= 300) {
                String body = body(response);
                boolean retryable = status == 429 || status >= 500 || status == 403 && rateLimited(body);
                if (status == 401 || status == 403 && !retryable) {
                    throw new VendorException.Refused(vendor, endpoint, "answered HTTP " + status + errorDetail(body));
                }
                throw new VendorException(vendor, endpoint, "answered HTTP " + status + errorDetail(body), null,
                        retryable, retryable ? retryAfter(response) : null);
            }
            try {
                T value = response.readEntity(type);
                if (value == null) {
                    throw new VendorException(vendor, endpoint, "answered HTTP " + status + " with an empty body");
                }
                return value;
            } catch (ProcessingException | WebApplicationException e) {
                throw new VendorException(vendor, endpoint, "answered with a body that is not the expected JSON: "
                        + rootMessage(e), e);
            }
        }
    }

    private static Response send(String vendor, String endpoint, Supplier<Response> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (ProcessingException e) {
            throw new VendorException(vendor, endpoint, "request failed: " + rootMessage(e), e, true, null);
        }
    }

    /** The longest wait any of {@link #RETRY_AFTER_HEADERS} asks for; null when none does. */
    static Duration retryAfter(Response response) {
        Duration longest = null;
        for (String header : RETRY_AFTER_HEADERS) {
            Duration wait = retryAfter(response.getHeaderString(header));
            if (wait != null && (longest == null || wait.compareTo(longest) > 0)) {
                longest = wait;
            }
        }
        return longest;
    }

    /** True for a Google error body whose reason is a rate or quota limit ({@code error.errors[].reason}). */
    static boolean rateLimited(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            for (JsonNode error : JSON.readTree(body).path("error").path("errors")) {
                if (GOOGLE_RATE_REASONS.contains(error.path("reason").asText())) {
                    return true;
                }
            }
        } catch (Exception notJson) {
            // not a Google error: not a rate limit
        }
        return false;
    }

    /** A Retry-After header: seconds, or an HTTP date. Null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * Returns {@code value}, or fails naming the field the vendor left out.
     *
     * @throws VendorException when {@code value} is null
     */
    public static <T> T require(T value, String vendor, String endpoint, String field) {
        if (value == null) {
            throw new VendorException(vendor, endpoint, "answer lacks the required field '" + field + "'");
        }
        return value;
    }

    private static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    /** Vendors put a human message at {@code error.message}; fall back to the start of the body. */
    private static String errorDetail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode message = JSON.readTree(body).path("error").path("message");
            if (message.isTextual()) {
                return ": " + dev.burnrate.config.Redaction.scrub(message.asText());
            }
        } catch (Exception notJson) {
            // fall through to the raw body
        }
        // secrets out before cutting: a cut secret cannot be recognised any more
        String oneLine = dev.burnrate.config.Redaction.scrub(body).replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (firstLine.isEmpty() ? "" : " (" + firstLine + ")");
    }
}
