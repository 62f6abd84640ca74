package dev.burnrate.provider.anthropic;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.config.Secrets;
import dev.burnrate.contain.Action;
import dev.burnrate.contain.Target;
import dev.burnrate.provider.VendorException;
import dev.burnrate.provider.VendorHttp;
import dev.burnrate.provider.VendorSwitch;

/**
 * Contains an Anthropic workspace by setting its active API keys inactive (the Console has workspace spend limits;
 * the Admin API has no write for them), so they stop authenticating; undone by setting exactly those keys active
 * again. Keys are changed one by one: when one fails, the error names the keys already set inactive and the ones
 * left, and undo puts back the ones that were changed. Writes with the secret's {@code anthropicContainKey}.
 */
@ApplicationScoped
public class AnthropicSwitch implements VendorSwitch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "/v1/organizations/api_keys";
    private static final String UPDATE = "/v1/organizations/api_keys/{api_key_id}";
    /** Pages of keys read at most: 1,000 keys a page. */
    private static final int MAX_PAGES = 20;

    private final AnthropicKeysApi api;

    AnthropicSwitch(@RestClient AnthropicKeysApi api) {
        this.api = api;
    }

    @Override
    public String vendor() {
        return "anthropic";
    }

    @Override
    public String secretField() {
        return "anthropicContainKey";
    }

    @Override
    public Prior read(Target target, Secrets secrets) {
        String key = credentials(secrets);
        ArrayNode active = JSON.createArrayNode();
        List<String> names = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String cursor = after;
            JsonNode answer = VendorHttp.call(vendor(), LIST, () -> api.list(key, target.id(), "active", 1000, cursor),
                    JsonNode.class);
            for (JsonNode apiKey : VendorHttp.require(answer.get("data"), vendor(), LIST, "data")) {
                String id = VendorHttp.require(apiKey.get("id"), vendor(), LIST, "data[].id").asText();
                if ("active".equals(apiKey.path("status").asText("active"))) {
                    active.add(id);
                    names.add(apiKey.path("name").asText(id));
                }
            }
            if (!answer.path("has_more").asBoolean(false)) {
                ObjectNode prior = JSON.createObjectNode();
                prior.set("activeKeys", active);
                return new Prior(prior.toString(), active.isEmpty() ? "no active API keys"
                        : active.size() + " active API key" + (active.size() == 1 ? "" : "s") + ": "
                                + String.join(", ", names));
            }
            after = VendorHttp.require(answer.get("last_id"), vendor(), LIST, "last_id").asText();
        }
        throw new VendorException(vendor(), LIST, "the workspace has more than " + MAX_PAGES * 1000
                + " active keys; burnrate does not switch so many off one by one");
    }

    @Override
    public String contain(Action action, Prior prior, Secrets secrets) {
        List<String> keys = keys(prior);
        if (keys.isEmpty()) {
            return "the workspace had no active API key to switch off";
        }
        setAll(keys, "inactive", secrets);
        return keys.size() + " API key" + (keys.size() == 1 ? "" : "s") + " set inactive: " + String.join(", ", keys);
    }

    @Override
    public String restore(Target target, Prior prior, Secrets secrets) {
        List<String> keys = keys(prior);
        if (keys.isEmpty()) {
            return "nothing to restore: the workspace had no active API key";
        }
        setAll(keys, "active", secrets);
        return keys.size() + " API key" + (keys.size() == 1 ? "" : "s") + " active again: " + String.join(", ", keys);
    }

    /** Sets each key's status; on a failure, says which keys were already set and which were not. */
    private void setAll(List<String> keys, String status, Secrets secrets) {
        String key = credentials(secrets);
        ObjectNode body = JSON.createObjectNode().put("status", status);
        List<String> done = new ArrayList<>();
        for (String id : keys) {
            try {
                JsonNode answer = VendorHttp.call(vendor(), UPDATE, () -> api.update(key, id, body), JsonNode.class);
                if (!status.equals(answer.path("status").asText())) {
                    throw new VendorException(vendor(), UPDATE, "answered status '" + answer.path("status").asText()
                            + "' for key " + id + " to a request for '" + status + "'");
                }
                done.add(id);
            } catch (VendorException e) {
                List<String> left = keys.subList(done.size(), keys.size());
                throw new VendorException(vendor(), UPDATE, (done.isEmpty() ? "no key was set " + status
                        : "set " + status + ": " + String.join(", ", done)) + "; not changed: " + String.join(", ", left)
                        + " (" + e.getMessage() + ")", e);
            }
        }
    }

    private static List<String> keys(Prior prior) {
        try {
            List<String> keys = new ArrayList<>();
            JSON.readTree(prior.json()).path("activeKeys").forEach(k -> keys.add(k.asText()));
            return keys;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable prior state of an Anthropic workspace: " + prior.json(), e);
        }
    }
}
