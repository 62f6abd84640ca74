package dev.burnrate.provider.openrouter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.config.Secrets;
import dev.burnrate.contain.Action;
import dev.burnrate.contain.Target;
import dev.burnrate.provider.VendorException;
import dev.burnrate.provider.VendorHttp;
import dev.burnrate.provider.VendorSwitch;

/**
 * Contains an OpenRouter key by disabling it ({@code PATCH /api/v1/keys/{hash}} with {@code disabled: true}), so it
 * stops authenticating; undone by setting {@code disabled} back to what it was. The key to contain is the one that
 * spent most today ({@link #busiestKeys}). Writes with the secret's {@code openrouterContainKey}, a management key.
 */
@ApplicationScoped
public class OpenRouterSwitch implements VendorSwitch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "/api/v1/keys/{hash}";
    private static final String KEYS = "/api/v1/keys";

    private final OpenRouterApi api;

    OpenRouterSwitch(@RestClient OpenRouterApi api) {
        this.api = api;
    }

    @Override
    public String vendor() {
        return "openrouter";
    }

    @Override
    public String secretField() {
        return "openrouterContainKey";
    }

    /** The enabled keys' hashes, most spent today first (keys that spent nothing today left out). */
    public List<String> busiestKeys(Secrets secrets) {
        String auth = "Bearer " + credentials(secrets);
        record Spent(String hash, BigDecimal today) {
        }
        List<Spent> keys = new ArrayList<>();
        for (int offset = 0; offset < 10_000; offset += 100) {
            int from = offset;
            JsonNode page = VendorHttp.require(VendorHttp.call(vendor(), KEYS, () -> api.keys(auth, from),
                    JsonNode.class).get("data"), vendor(), KEYS, "data");
            for (JsonNode key : page) {
                BigDecimal today = key.path("usage_daily").decimalValue();
                if (!key.path("disabled").asBoolean(false) && today.signum() > 0) {
                    keys.add(new Spent(VendorHttp.require(key.get("hash"), vendor(), KEYS, "data[].hash").asText(),
                            today));
                }
            }
            if (page.size() < 100) {
                break;
            }
        }
        return keys.stream().sorted(Comparator.comparing(Spent::today).reversed()).map(Spent::hash).toList();
    }

    @Override
    public Prior read(Target target, Secrets secrets) {
        String auth = "Bearer " + credentials(secrets);
        JsonNode key = VendorHttp.require(VendorHttp.call(vendor(), KEY, () -> api.key(auth, target.id()),
                JsonNode.class).get("data"), vendor(), KEY, "data");
        boolean disabled = VendorHttp.require(key.get("disabled"), vendor(), KEY, "data.disabled").asBoolean();
        ObjectNode prior = JSON.createObjectNode().put("disabled", disabled);
        String name = key.path("name").asText(key.path("label").asText(target.id()));
        return new Prior(prior.toString(), "key '" + name + "' " + (disabled ? "disabled" : "enabled")
                + (key.path("limit").isNumber() ? ", limit $" + key.path("limit").decimalValue().toPlainString() : ""));
    }

    @Override
    public String contain(Action action, Prior prior, Secrets secrets) {
        if (disabled(prior)) {
            return "the key was disabled already";
        }
        setDisabled(action.target(), true, secrets);
        return "key disabled";
    }

    @Override
    public String restore(Target target, Prior prior, Secrets secrets) {
        setDisabled(target, disabled(prior), secrets);
        return disabled(prior) ? "key left disabled, as it was before" : "key enabled again";
    }

    private void setDisabled(Target target, boolean disabled, Secrets secrets) {
        String auth = "Bearer " + credentials(secrets);
        ObjectNode body = JSON.createObjectNode().put("disabled", disabled);
        JsonNode key = VendorHttp.call(vendor(), KEY, () -> api.updateKey(auth, target.id(), body), JsonNode.class)
                .path("data");
        if (key.path("disabled").asBoolean(!disabled) != disabled) {
            throw new VendorException(vendor(), KEY, "answered disabled=" + key.path("disabled")
                    + " to a request for disabled=" + disabled);
        }
    }

    private static boolean disabled(Prior prior) {
        try {
            return JSON.readTree(prior.json()).path("disabled").asBoolean(false);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable prior state of an OpenRouter key: " + prior.json(), e);
        }
    }
}
