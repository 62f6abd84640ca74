package dev.burnrate.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The vendors' containment switches as stateful fakes, in the shapes their references document: OpenAI's project
 * hard spend limit ({@code GET/POST/DELETE /v1/organization/projects/{id}/spend_limit}: 404 while none is set),
 * Anthropic's API keys ({@code GET /v1/organizations/api_keys?workspace_id=&status=}, {@code POST
 * /v1/organizations/api_keys/{id}} with a status) and OpenRouter's keys ({@code GET /api/v1/keys}, {@code GET} and
 * {@code PATCH /api/v1/keys/{hash}}). Tests seed the state, the function changes it over HTTP, and the tests read
 * it back: "undo restores the prior state" is a comparison of states, not of requests. Applies to the stubs that name
 * it ({@link VendorFixtures#switches}).
 */
public final class VendorSwitches implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "vendor-switches";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ObjectNode> SPEND_LIMITS = new ConcurrentHashMap<>();
    private static final Map<String, ObjectNode> ANTHROPIC_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, ObjectNode> OPENROUTER_KEYS = new ConcurrentHashMap<>();

    public static void clear() {
        SPEND_LIMITS.clear();
        ANTHROPIC_KEYS.clear();
        OPENROUTER_KEYS.clear();
    }

    /** An OpenAI project's hard limit in cents, or none. */
    public static void openAiLimit(String project, Integer cents) {
        if (cents == null) {
            SPEND_LIMITS.remove(project);
        } else {
            SPEND_LIMITS.put(project, limit(cents));
        }
    }

    public static Optional<Integer> openAiLimit(String project) {
        return Optional.ofNullable(SPEND_LIMITS.get(project)).map(l -> l.get("threshold_amount").asInt());
    }

    /** An Anthropic API key in a workspace. */
    public static void anthropicKey(String id, String name, String workspace, String status) {
        ObjectNode key = JSON.createObjectNode().put("type", "api_key").put("id", id).put("name", name)
                .put("workspace_id", workspace).put("status", status).put("created_at", "2026-01-05T10:00:00Z")
                .put("partial_key_hint", "sk-ant-api03-R2D...igAA");
        key.putNull("expires_at");
        key.putObject("created_by").put("id", "user_01").put("type", "user");
        ANTHROPIC_KEYS.put(id, key);
    }

    public static Map<String, String> anthropicStatuses() {
        Map<String, String> statuses = new java.util.TreeMap<>();
        ANTHROPIC_KEYS.forEach((id, key) -> statuses.put(id, key.get("status").asText()));
        return statuses;
    }

    /** An OpenRouter key with its spend today. */
    public static void openRouterKey(String hash, String name, boolean disabled, double usageToday) {
        ObjectNode key = JSON.createObjectNode().put("hash", hash).put("name", name).put("label", "sk-or-v1-abc...")
                .put("disabled", disabled).put("limit", 200.0).put("limit_remaining", 57.1).put("usage", 1403.22)
                .put("usage_daily", usageToday).put("usage_weekly", 31.02).put("usage_monthly", 142.9)
                .put("created_at", "2026-01-05T10:00:00Z").put("updated_at", "2026-11-01T10:00:00Z");
        key.putNull("workspace_id");
        OPENROUTER_KEYS.put(hash, key);
    }

    public static Optional<Boolean> openRouterDisabled(String hash) {
        return Optional.ofNullable(OPENROUTER_KEYS.get(hash)).map(k -> k.get("disabled").asBoolean());
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String method = request.getMethod().getName();
        try {
            if (path.startsWith("/v1/organization/projects/") && path.endsWith("/spend_limit")) {
                return spendLimit(path.split("/")[4], method, request);
            }
            if (path.startsWith("/v1/organizations/api_keys")) {
                return anthropic(path, method, request);
            }
            if (path.startsWith("/api/v1/keys")) {
                return openRouter(path, method, request);
            }
        } catch (java.io.IOException e) {
            return answer(400, "{\"error\": {\"message\": \"body is not JSON\"}}");
        }
        return answer(404, "{\"error\": {\"message\": \"no such switch\"}}");
    }

    private static ResponseDefinition spendLimit(String project, String method, Request request)
            throws java.io.IOException {
        switch (method) {
            case "GET" -> {
                ObjectNode limit = SPEND_LIMITS.get(project);
                return limit == null ? answer(404, "{\"error\": {\"message\": \"No hard spend limit for project "
                        + project + "\", \"type\": \"invalid_request_error\"}}") : answer(200, limit.toString());
            }
            case "POST" -> {
                JsonNode body = JSON.readTree(request.getBodyAsString());
                int cents = body.path("threshold_amount").asInt();
                if (cents < 1 || !"USD".equals(body.path("currency").asText()) || !"month".equals(
                        body.path("interval").asText())) {
                    return answer(400, "{\"error\": {\"message\": \"threshold_amount, currency USD and interval "
                            + "month are required\"}}");
                }
                SPEND_LIMITS.put(project, limit(cents));
                return answer(200, SPEND_LIMITS.get(project).toString());
            }
            case "DELETE" -> {
                SPEND_LIMITS.remove(project);
                return answer(200, "{\"object\": \"project.spend_limit.deleted\", \"deleted\": true}");
            }
            default -> {
                return answer(405, "{}");
            }
        }
    }

    private static ResponseDefinition anthropic(String path, String method, Request request)
            throws java.io.IOException {
        if (method.equals("GET") && path.equals("/v1/organizations/api_keys")) {
            String workspace = request.queryParameter("workspace_id").isPresent()
                    ? request.queryParameter("workspace_id").firstValue() : null;
            String status = request.queryParameter("status").isPresent()
                    ? request.queryParameter("status").firstValue() : null;
            ArrayNode data = JSON.createArrayNode();
            new java.util.TreeMap<>(ANTHROPIC_KEYS).values().stream()
                    .filter(k -> workspace == null || workspace.equals(k.get("workspace_id").asText()))
                    .filter(k -> status == null || status.equals(k.get("status").asText())).forEach(data::add);
            ObjectNode page = JSON.createObjectNode();
            page.set("data", data);
            page.put("has_more", false);
            page.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asText());
            page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asText());
            return answer(200, page.toString());
        }
        String id = path.substring("/v1/organizations/api_keys/".length());
        ObjectNode key = ANTHROPIC_KEYS.get(id);
        if (key == null) {
            return answer(404, "{\"type\": \"error\", \"error\": {\"type\": \"not_found_error\", \"message\": "
                    + "\"API key not found\"}}");
        }
        if (method.equals("POST")) {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            if (body.has("status")) {
                key.put("status", body.get("status").asText());
            }
        }
        return answer(200, key.toString());
    }

    private static ResponseDefinition openRouter(String path, String method, Request request)
            throws java.io.IOException {
        if (path.equals("/api/v1/keys")) {
            ArrayNode data = JSON.createArrayNode();
            new java.util.TreeMap<>(OPENROUTER_KEYS).values().forEach(data::add);
            ObjectNode page = JSON.createObjectNode();
            page.set("data", data);
            return answer(200, page.toString());
        }
        ObjectNode key = OPENROUTER_KEYS.get(path.substring("/api/v1/keys/".length()));
        if (key == null) {
            return answer(404, "{\"error\": {\"code\": 404, \"message\": \"Key not found\"}}");
        }
        if (method.equals("PATCH")) {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            body.fields().forEachRemaining(e -> key.set(e.getKey(), e.getValue()));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("data", key);
        return answer(200, answer.toString());
    }

    private static ObjectNode limit(int cents) {
        ObjectNode limit = JSON.createObjectNode().put("object", "project.spend_limit").put("threshold_amount", cents)
                .put("currency", "USD").put("interval", "month");
        limit.putObject("enforcement").put("status", "enforcing");
        return limit;
    }

    private static ResponseDefinition answer(int status, String body) {
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
