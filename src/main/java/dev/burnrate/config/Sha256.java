package dev.burnrate.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex, for fingerprints that must not keep what they fingerprint (credentials, stored lines). */
public final class Sha256 {

    private Sha256() {
    }

    /** The SHA-256 of {@code parts} as UTF-8, one after another, each followed by a newline. */
    public static String hex(Iterable<?> parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        for (Object part : parts) {
            sha.update((part + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
