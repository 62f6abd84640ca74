package dev.burnrate.provider.google;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.burnrate.provider.OAuthTokens;
import dev.burnrate.provider.VendorCalls;
import dev.burnrate.provider.VendorException;

/**
 * Access tokens for a Google service account, from its key JSON: a JWT signed with the key (RS256; issuer the
 * account's {@code client_email}, audience its {@code token_uri}, an hour's lifetime) exchanged at {@code token_uri}
 * for a bearer token (Google's "OAuth 2.0 for server to server applications"), kept by {@link OAuthTokens}. Nothing
 * of the key is in a message.
 */
@ApplicationScoped
class GoogleTokens {

    static final String ENDPOINT = "service-account token";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GoogleTokenApi api;
    private final VendorCalls calls;
    private final OAuthTokens tokens;
    private final Clock clock;

    GoogleTokens(@RestClient GoogleTokenApi api, VendorCalls calls, OAuthTokens tokens, Clock clock) {
        this.api = api;
        this.calls = calls;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A bearer token for the service account of {@code keyJson} with {@code scope}. */
    String token(String vendor, String secretName, String keyJson, String scope) {
        return tokens.token(vendor, ENDPOINT, keyJson + "\n" + scope, () -> {
            Key key = Key.parse(vendor, secretName, keyJson);
            String assertion = key.assertion(scope, clock.instant(), vendor, secretName);
            return calls.call(vendor, ENDPOINT, () -> api.token(key.tokenUri(), GRANT, assertion), JsonNode.class);
        });
    }

    /** Drops the token kept for {@code keyJson}: Google refused it (revoked or rotated), so the next check asks anew. */
    void forget(String keyJson, String scope) {
        tokens.forget(keyJson + "\n" + scope);
    }
    /** What the token exchange needs of a service-account key JSON. */
    record Key(String clientEmail, String keyId, RSAPrivateKey privateKey, String tokenUri) {

        static Key parse(String vendor, String secretName, String keyJson) {
            JsonNode root;
            try {
                root = JSON.readTree(keyJson);
            } catch (java.io.IOException e) {
                throw refused(vendor, secretName, "is not JSON (expected the service-account key file)");
            }
            if (root == null || !root.isObject()) {
                throw refused(vendor, secretName, "is not a JSON object (expected the service-account key file)");
            }
            if (!"service_account".equals(root.path("type").asText())) {
                throw refused(vendor, secretName, "has type '" + root.path("type").asText()
                        + "'; expected a service-account key (type service_account)");
            }
            String email = text(root, "client_email", vendor, secretName);
            String pem = text(root, "private_key", vendor, secretName);
            String tokenUri = root.path("token_uri").asText(DEFAULT_TOKEN_URI);
            return new Key(email, root.path("private_key_id").asText(null), privateKey(pem, vendor, secretName),
                    tokenUri.isBlank() ? DEFAULT_TOKEN_URI : tokenUri);
        }

        private static String text(JsonNode root, String field, String vendor, String secretName) {
            JsonNode value = root.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw refused(vendor, secretName, "lacks the field '" + field + "'");
            }
            return value.asText();
        }

        private static RSAPrivateKey privateKey(String pem, String vendor, String secretName) {
            String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            try {
                return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
                throw refused(vendor, secretName, "has a 'private_key' that is not a PKCS#8 RSA key in PEM");
            }
        }

        /** The signed JWT that asks for a token with {@code scope}, issued at {@code now} for an hour. */
        String assertion(String scope, Instant now, String vendor, String secretName) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientEmail).audience(tokenUri)
                    .claim("scope", scope).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
            try {
                jwt.sign(new RSASSASigner(privateKey));
            } catch (JOSEException e) {
                throw refused(vendor, secretName, "could not sign the token request: " + e.getClass().getSimpleName());
            }
            return jwt.serialize();
        }

        private static VendorException refused(String vendor, String secretName, String what) {
            return new VendorException(vendor, ENDPOINT, "could not get a token with the key in '" + secretName
                    + "': it " + what);
        }
    }
}
