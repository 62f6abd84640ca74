package dev.burnrate.provider.openai;

import java.math.BigDecimal;
import java.math.RoundingMode;

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
 * Contains an OpenAI project by its hard spend limit: set to what the project had spent this month when the action
 * was proposed (never raised: an existing lower limit is left as it is), so OpenAI refuses its further requests;
 * undone by putting the prior limit back, or deleting the limit when there was none. Writes with the secret's
 * {@code openaiContainKey}, an Admin key allowed to manage projects.
 */
@ApplicationScoped
public class OpenAiSwitch implements VendorSwitch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENDPOINT = "/v1/organization/projects/{project_id}/spend_limit";

    private final OpenAiSpendLimitApi api;

    OpenAiSwitch(@RestClient OpenAiSpendLimitApi api) {
        this.api = api;
    }

    @Override
    public String vendor() {
        return "openai";
    }

    @Override
    public String secretField() {
        return "openaiContainKey";
    }

    @Override
    public Prior read(Target target, Secrets secrets) {
        String auth = "Bearer " + credentials(secrets);
        JsonNode limit = VendorHttp.callOrAbsent(vendor(), ENDPOINT, () -> api.get(auth, target.id()),
                JsonNode.class);
        Integer cents = limit == null ? null
                : VendorHttp.require(limit.get("threshold_amount"), vendor(), ENDPOINT, "threshold_amount").asInt();
        ObjectNode prior = JSON.createObjectNode();
        prior.put("thresholdCents", cents);
        return new Prior(prior.toString(), cents == null ? "no hard spend limit" : "hard spend limit " + usd(cents));
    }

    @Override
    public String contain(Action action, Prior prior, Secrets secrets) {
        int cap = Math.max(1, action.capUsd() == null ? 1
                : action.capUsd().movePointRight(2).setScale(0, RoundingMode.CEILING).intValue());
        Integer before = thresholdCents(prior);
        if (before != null && before <= cap) {
            return "left the hard spend limit at " + usd(before) + ", already at or below the " + usd(cap)
                    + " spent";
        }
        set(action.target(), cap, secrets);
        return "hard spend limit set to " + usd(cap) + " a month (was " + (before == null ? "none" : usd(before))
                + "); OpenAI enforces it, not instantly";
    }

    @Override
    public String restore(Target target, Prior prior, Secrets secrets) {
        Integer before = thresholdCents(prior);
        if (before == null) {
            String auth = "Bearer " + credentials(secrets);
            VendorHttp.callOrAbsent(vendor(), ENDPOINT, () -> api.delete(auth, target.id()), JsonNode.class);
            return "hard spend limit deleted, as there was none before";
        }
        set(target, before, secrets);
        return "hard spend limit back at " + usd(before);
    }

    private void set(Target target, int cents, Secrets secrets) {
        String auth = "Bearer " + credentials(secrets);
        ObjectNode body = JSON.createObjectNode().put("threshold_amount", cents).put("currency", "USD")
                .put("interval", "month");
        JsonNode answer = VendorHttp.call(vendor(), ENDPOINT, () -> api.set(auth, target.id(), body), JsonNode.class);
        if (answer.path("threshold_amount").asInt(-1) != cents) {
            throw new VendorException(vendor(), ENDPOINT, "answered a threshold_amount of "
                    + answer.path("threshold_amount") + " to a request for " + cents + " cents");
        }
    }

    private static Integer thresholdCents(Prior prior) {
        try {
            JsonNode node = JSON.readTree(prior.json()).path("thresholdCents");
            return node.isNull() || node.isMissingNode() ? null : node.asInt();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable prior state of an OpenAI project: " + prior.json(), e);
        }
    }

    private static String usd(int cents) {
        return String.format(java.util.Locale.ROOT, "$%,.2f", BigDecimal.valueOf(cents).movePointLeft(2));
    }
}
