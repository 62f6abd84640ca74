package dev.burnrate.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OAuth 2.0 access tokens (RFC 6749 §5.1: {@code access_token}, {@code expires_in}) kept for their lifetime, so warm
 * invocations do not ask again: Google's service-account token and Entra ID's client-credentials token. A token is
 * kept per credentials (a SHA-256 of them; the credentials themselves are not kept) until {@link #EARLY} before it
 * expires, and {@link #forget forgotten} when the vendor refuses it. Never part of a SnapStart snapshot: none is
 * asked for before the first check.
 */
@ApplicationScoped
public class OAuthTokens {

    /** A token is renewed this long before it expires, so none expires during the requests of a check. */
    public static final Duration EARLY = Duration.ofMinutes(5);

    private record Kept(String token, Instant renewAt) {
    }

    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    OAuthTokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * The token kept for {@code credentials}, or the one {@code exchange} gets (its answer's {@code access_token}),
     * kept when its {@code expires_in} is longer than {@link #EARLY}.
     */
    public String token(String vendor, String endpoint, String credentials, Supplier<JsonNode> exchange) {
        String id = fingerprint(credentials);
        Instant now = clock.instant();
        Kept known = kept.get(id);
        if (known != null && now.isBefore(known.renewAt())) {
            return known.token();
        }
        JsonNode answer = exchange.get();
        JsonNode token = answer.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new VendorException(vendor, endpoint, "answer lacks the required field 'access_token'");
        }
        long lifetime = answer.path("expires_in").asLong(0);
        if (lifetime > EARLY.toSeconds()) {
            kept.put(id, new Kept(token.asText(), now.plusSeconds(lifetime).minus(EARLY)));
        }
        return token.asText();
    }

    /** Drops the token kept for {@code credentials}: the vendor refused it, so the next check asks anew. */
    public void forget(String credentials) {
        kept.remove(fingerprint(credentials));
    }

    /** Drops every token, as a cold start does. */
    public void forgetAll() {
        kept.clear();
    }

    private static String fingerprint(String credentials) {
        return dev.burnrate.config.Sha256.hex(java.util.List.of(credentials));
    }
}
