package dev.burnrate.contain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens of approval and undo links: {@code v1.<payload>.<signature>}, the payload naming the action, what the
 * link does and when it expires, the signature an HMAC-SHA256 of it under a key from the secret. A token proves that
 * this burnrate made the link and that it has not expired; that it acts once is the store's conditional write (only
 * one use finds the action in the state it expects).
 */
public final class ApprovalTokens {

    /** What a link does. */
    public enum Purpose {
        APPROVE, UNDO;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A token that checked out. */
    public record Verified(String actionId, Purpose purpose, Instant expiresAt) {
    }

    /** A token that did not: the message says why, for the person who followed the link. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The least key length accepted, in characters: 256 bits of a random base64 or hex string. */
    public static final int MIN_KEY_CHARS = 32;
    private static final Pattern ID = Pattern.compile("c[a-z2-7]{12}");
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /**
     * @throws IllegalArgumentException when the key is shorter than {@value #MIN_KEY_CHARS} characters
     */
    public ApprovalTokens(String key) {
        Objects.requireNonNull(key, "key");
        if (key.length() < MIN_KEY_CHARS) {
            throw new IllegalArgumentException("the containment signing key must be at least " + MIN_KEY_CHARS
                    + " characters (e.g. openssl rand -base64 32), got " + key.length());
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A token that lets its holder do {@code purpose} to the action until {@code expiresAt}. */
    public String sign(String actionId, Purpose purpose, Instant expiresAt) {
        if (!ID.matcher(actionId).matches()) {
            throw new IllegalArgumentException("not an action id: " + actionId);
        }
        String payload = actionId + "." + purpose.wireName() + "." + expiresAt.getEpochSecond();
        return "v1." + ENCODE.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODE.encodeToString(mac(payload));
    }

    /**
     * Checks a token's form, signature and expiry.
     *
     * @throws Invalid saying which of them failed
     */
    public Verified verify(String token, Instant now) {
        if (token == null || token.isBlank()) {
            throw new Invalid("the link carries no token; open the link from the message as it is");
        }
        String[] parts = token.trim().split("\\.");
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new Invalid("this is not a burnrate approval link (the token is cut or changed); open the link from "
                    + "the message as it is");
        }
        String payload;
        byte[] signature;
        try {
            payload = new String(DECODE.decode(parts[1]), StandardCharsets.UTF_8);
            signature = DECODE.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Invalid("this is not a burnrate approval link (the token is not base64url); open the link from "
                    + "the message as it is");
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw new Invalid("this link's signature does not match: it was not made by this burnrate, it was changed, "
                    + "or the signing key in the secret changed since");
        }
        String[] fields = payload.split("\\.");
        if (fields.length != 3 || !ID.matcher(fields[0]).matches()) {
            throw new Invalid("this link's token names no action; open the link from the message as it is");
        }
        Purpose purpose;
        Instant expiresAt;
        try {
            purpose = Purpose.valueOf(fields[1].toUpperCase(java.util.Locale.ROOT));
            expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[2]));
        } catch (IllegalArgumentException e) {
            throw new Invalid("this link's token is not one burnrate makes; open the link from the message as it is");
        }
        if (now.isAfter(expiresAt)) {
            throw new Invalid("this link expired at " + expiresAt + "; run bin/burnrate contain " + purpose.wireName()
                    + " " + fields[0] + " with your AWS credentials instead");
        }
        return new Verified(fields[0], purpose, expiresAt);
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
