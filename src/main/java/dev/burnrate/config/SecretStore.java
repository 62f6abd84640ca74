package dev.burnrate.config;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Reads burnrate's one Secrets Manager secret, named in {@code burnrate.secrets.secret-id}: a JSON object of
 * names to strings (vendor admin keys by vendor id, channel secrets such as {@code slackWebhookUrl}). Problems with the
 * secret are configuration errors and fail the run; their messages never contain the secret's value.
 * <p>
 * A warm function keeps what it read for {@code burnrate.secrets.cache-ttl} and {@link #forget}s it when a vendor
 * refuses a key. Nothing is read before the first check, so a SnapStart snapshot holds no secret.
 */
@ApplicationScoped
public class SecretStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Kept(Secrets secrets, java.time.Instant until) {
    }

    private final AwsApi api;
    private final AwsApi.Service secretsManager;
    private final BurnrateConfig.SecretConfig config;
    private final java.time.Clock clock;
    private volatile Kept kept;

    private final ParameterStore parameters;

    SecretStore(AwsApi api, ParameterStore parameters, BurnrateConfig config, java.time.Clock clock) {
        this.api = api;
        this.secretsManager = api.regional("SecretsManager", "secretsmanager", "secretsmanager");
        this.parameters = parameters;
        this.config = config.secrets();
        this.clock = clock;
        if (!java.util.List.of("secrets-manager", "ssm").contains(this.config.source())) {
            throw new IllegalStateException("burnrate.secrets.source is '" + this.config.source()
                    + "'; use secrets-manager or ssm");
        }
    }

    /** The secret's names and values: read from Secrets Manager, or as read within the cache's time to live. */
    public Secrets load() {
        if (config.secretId().isEmpty()) {
            return Secrets.none();
        }
        java.time.Instant now = clock.instant();
        Kept known = kept;
        if (known != null && now.isBefore(known.until())) {
            return known.secrets();
        }
        Secrets read = read(config.secretId().get());
        boolean keep = !config.cacheTtl().isZero() && !config.cacheTtl().isNegative();
        kept = keep ? new Kept(read, now.plus(config.cacheTtl())) : null;
        return read;
    }

    /** Drops what was read: a vendor refused a key from it, so the next check reads the secret again. */
    public void forget() {
        kept = null;
    }

    private Secrets read(String secretId) {
        if (config.source().equals("ssm")) {
            return parse("SSM parameter", secretId, parameters.secureString(secretId));
        }
        JsonNode answer;
        try {
            answer = api.json11(secretsManager, "secretsmanager.GetSecretValue",
                    JSON.createObjectNode().put("SecretId", secretId));
        } catch (AwsServiceException e) {
            if ("ResourceNotFoundException".equals(e.awsErrorDetails().errorCode())) {
                throw new IllegalStateException("Secrets Manager secret '" + secretId
                        + "' (burnrate.secrets.secret-id) does not exist", e);
            }
            throw e;
        }
        return parse(secretId, answer.path("SecretString").asText(null));
    }

    static Secrets parse(String secretId, String value) {
        return parse("Secrets Manager secret", secretId, value);
    }

    private static Secrets parse(String what, String secretId, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(what + " '" + secretId
                    + "' has no string value; expected JSON such as {\"openai\": \"sk-admin-...\"}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " '" + secretId
                    + "' is not JSON; expected an object such as {\"openai\": \"sk-admin-...\"}");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(what + " '" + secretId
                    + "' must be a JSON object of vendor id to admin key");
        }
        Map<String, String> keys = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                throw new IllegalStateException(what + " '" + secretId + "': the value of '"
                        + field.getKey() + "' must be a string (the vendor's admin key)");
            }
            if (field.getValue().isTextual()) {
                keys.put(field.getKey(), field.getValue().asText());
                // from here on, no report, log line or message shows it
                Redaction.register(field.getValue().asText());
            }
        }
        return new Secrets(keys);
    }
}
