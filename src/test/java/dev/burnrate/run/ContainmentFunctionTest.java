package dev.burnrate.run;

import static dev.burnrate.testing.DynamoFaultProxy.Fault.ACCESS_DENIED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.testing.DynamoFaultProxy;
import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalAws;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import dev.burnrate.testing.VendorSwitches;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Containment with {@code suggest} policies for every vendor burnrate can contain: a vendor budget spent past 100%
 * proposes switching off the project, workspace, key or role that spent most; a person approves through the link (a
 * page that asks once more, then a POST) or the CLI's invocation; the vendor's switch is set through its documented
 * API (WireMock's stateful fakes; IAM through moto); undo puts back exactly the state read before. Forged, expired
 * and replayed links act on nothing; two approvals at once act once; a vendor's error leaves the action honest.
 */
@QuarkusTest
@TestProfile(ContainmentFunctionTest.Suggest.class)
@QuarkusTestResource(LocalWorldResource.class)
class ContainmentFunctionTest extends FunctionTestSupport {

    public static class Suggest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.budgets", "total=100000; openai=300; anthropic=100; openrouter=50; bedrock=10",
                    "burnrate.bedrock.enabled", "true",
                    "burnrate.containment.policies",
                    "openai=suggest; anthropic=suggest; openrouter=suggest; bedrock/app-role=suggest",
                    "burnrate.containment.bedrock-role-arns", "arn:aws:iam::123456789012:role/app-role",
                    "burnrate.containment.approve-url", "https://contain.example.com/",
                    "burnrate.containment.stack-name", "burnrate");
        }
    }

    private static final LocalDate HISTORY_START = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final Pattern TOKEN = Pattern.compile("t=(v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");
    private static final String SIGNING_KEY = "test-signing-key-0123456789abcdefghijklmnop";

    private void secrets() {
        aws.putSecrets(Map.of("openai", LocalAws.OPENAI_KEY, "anthropic", LocalAws.ANTHROPIC_KEY,
                "openrouter", "sk-or-v1-test-management-key", "containmentSigningKey", SIGNING_KEY,
                "openaiContainKey", "sk-admin-test-openai-write-0123", "anthropicContainKey",
                "sk-ant-admin01-test-write-0123", "openrouterContainKey", "sk-or-v1-test-write-0123"));
        vendors.switches();
    }

    /** OpenAI's proj_chat at $20 a day: $400 by Nov 20, 133% of the $300 OpenAI budget. */
    private void openAiOverItsBudget() {
        vendors.openAi(new Days().every(HISTORY_START, TODAY, new Charge("proj_chat", "gpt-5, input", "20.00"),
                new Charge("proj_batch", "gpt-5-mini, input", "0.10")), 31);
        vendors.anthropic(new Days(), 31);
    }

    private static JsonNode http(String method, String token, String sourceIp) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(event("contain-approve-link.json"));
        ((ObjectNode) event.path("requestContext").path("http")).put("method", method).put("sourceIp", sourceIp);
        if (method.equals("GET")) {
            event.put("rawQueryString", "t=" + token);
            ((ObjectNode) event.get("queryStringParameters")).put("t", token);
        } else {
            event.put("rawQueryString", "");
            event.remove("queryStringParameters");
            event.put("isBase64Encoded", true);
            event.put("body", Base64.getEncoder().encodeToString(("t=" + java.net.URLEncoder.encode(token,
                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        }
        return check(event.toString());
    }

    private static JsonNode cli(String verb, String id, String by) throws Exception {
        return check("{\"contain\": \"" + verb + "\", \"id\": \"" + id + "\", \"by\": \"" + by + "\"}");
    }

    /** The SNS messages of {@code kind} since the last read, as their machine JSON. */
    private List<JsonNode> messages(List<JsonNode> sns, String kind) throws Exception {
        List<JsonNode> machine = new java.util.ArrayList<>();
        for (JsonNode n : sns) {
            if (n.at("/MessageAttributes/kind/Value").asText().equals(kind)) {
                machine.add(JSON.readTree(n.get("Message").asText()));
            }
        }
        return machine;
    }

    private static String token(JsonNode message) {
        Matcher m = TOKEN.matcher(message.get("advice").toString());
        assertThat(m.find()).as("a link in %s", message.get("advice")).isTrue();
        return m.group(1);
    }

    private Map<String, AttributeValue> item(String id) {
        return aws.partition("CONTAIN").get(id);
    }

    private static List<String> history(Map<String, AttributeValue> item) {
        return item.get("history").l().stream().map(e -> e.m().get("status").s() + (e.m().containsKey("by")
                ? " " + e.m().get("by").s() : "")).toList();
    }

    @Test
    void anOpenAiProjectIsContainedThroughTheLinkAndUndoneThroughTheCliToExactlyItsPriorLimit() throws Exception {
        secrets();
        openAiOverItsBudget();
        VendorSwitches.openAiLimit("proj_chat", 50_000);

        JsonNode report = check(event("scheduled.json"));

        JsonNode proposed = report.get("containment").get(0);
        String id = proposed.get("action").asText();
        assertThat(proposed.get("target").asText()).isEqualTo("openai/proj_chat");   // the project that spent most
        assertThat(proposed.get("status").asText()).isEqualTo("proposed");
        assertThat(proposed.get("detail").asText()).isEqualTo("OpenAI budget at 134% ($402.00 of $300)");
        List<JsonNode> sns = aws.snsMessages();
        assertThat(sns).filteredOn(n -> n.at("/MessageAttributes/kind/Value").asText().equals("containment_proposed"))
                .singleElement().satisfies(n -> assertThat(n.get("Subject").asText())
                        .isEqualTo("[burnrate] Approve? Contain OpenAI project proj_chat"));
        JsonNode message = messages(sns, "containment_proposed").get(0);
        assertThat(message.get("advice").get(1).asText())
                .isEqualTo("Or run: bin/burnrate contain approve " + id + " --stack burnrate");
        String approve = token(message);
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(50_000);   // nothing happens before approval

        // the link's page asks once more and changes nothing (a mail scanner that opens it acts on nothing)
        JsonNode page = http("GET", approve, "203.0.113.9");
        assertThat(page.get("statusCode").asInt()).isEqualTo(200);
        assertThat(page.get("body").asText()).contains("Contain OpenAI project proj_chat?")
                .contains("Approve and contain now").contains(approve);
        assertThat(page.at("/headers/referrer-policy").asText()).isEqualTo("no-referrer");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(50_000);

        JsonNode done = http("POST", approve, "203.0.113.9");

        assertThat(done.get("statusCode").asInt()).isEqualTo(200);
        assertThat(done.get("body").asText()).contains("Contained: OpenAI project proj_chat");
        // proj_chat spent $400.00 of the month (its $0.10 a day neighbour is another project): the limit is set there
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(40_000);
        List<JsonNode> after = aws.snsMessages();
        assertThat(after).extracting(n -> n.at("/MessageAttributes/kind/Value").asText())
                .containsExactly("containment_approved", "containment_done");
        JsonNode contained = messages(after, "containment_done").get(0);
        assertThat(contained.get("subject").asText()).isEqualTo("[burnrate] Contained: OpenAI project proj_chat");
        assertThat(contained.at("/facts/Done").asText()).isEqualTo("hard spend limit set to $400.00 a month (was "
                + "$500.00); OpenAI enforces it, not instantly");
        assertThat(contained.at("/facts/Before").asText()).isEqualTo("hard spend limit $500.00");
        assertThat(contained.get("advice").get(0).asText()).startsWith("Undo: https://contain.example.com/?t=v1.");
        assertThat(item(id)).as("an action holding a vendor's switch never expires").doesNotContainKey("expiresAt");

        // the same link again acts on nothing
        JsonNode replay = http("POST", approve, "198.51.100.7");
        assertThat(replay.get("statusCode").asInt()).isEqualTo(409);
        assertThat(replay.get("body").asText()).contains("Already contained").contains("A link acts once");
        assertThat(vendors.requests("/v1/organization/projects/proj_chat/spend_limit"))
                .filteredOn(r -> r.getMethod().getName().equals("POST")).hasSize(1);

        JsonNode undone = cli("undo", id, "arn:aws:iam::123456789012:user/ana");

        assertThat(undone.get("moved").asBoolean()).isTrue();
        assertThat(undone.get("message").asText()).isEqualTo("hard spend limit back at $500.00");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(50_000);
        assertThat(aws.snsMessages()).extracting(n -> n.get("Subject").asText())
                .containsExactly("[burnrate] Undone: OpenAI project proj_chat");
        assertThat(history(item(id))).containsExactly("PROPOSED burnrate", "APPROVED approval link (from 203.0.113.9)",
                "ACTING burnrate", "CONTAINED burnrate", "UNDOING arn:aws:iam::123456789012:user/ana",
                "UNDONE burnrate");
        assertThat(item(id).get("priorSummary").s()).isEqualTo("hard spend limit $500.00");
        assertThat(Long.parseLong(item(id).get("expiresAt").n())).isEqualTo(java.time.Instant
                .parse("2026-11-20T10:00:00Z").plus(Duration.ofDays(400)).getEpochSecond());
        // the next check does not propose it again for the same budget month: it was undone on purpose
        assertThat(check(event("scheduled.json")).get("containment")).isEmpty();
    }

    @Test
    void aForgedOrExpiredLinkActsOnNothingAndAnUnapprovedProposalExpires() throws Exception {
        secrets();
        openAiOverItsBudget();
        check(event("scheduled.json"));
        String approve = token(messages(aws.snsMessages(), "containment_proposed").get(0));
        String[] parts = approve.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[32]);

        JsonNode refused = http("POST", forged, "203.0.113.9");
        JsonNode cut = http("GET", approve.substring(0, 20), "203.0.113.9");

        assertThat(refused.get("statusCode").asInt()).isEqualTo(403);
        assertThat(refused.get("body").asText()).contains("signature does not match");
        assertThat(cut.get("statusCode").asInt()).isEqualTo(403);
        assertThat(cut.get("body").asText()).contains("not a burnrate approval link");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).isEmpty();

        clock.advance(Duration.ofHours(25));
        JsonNode expired = http("POST", approve, "203.0.113.9");
        assertThat(expired.get("statusCode").asInt()).isEqualTo(410);
        assertThat(expired.get("body").asText()).contains("expired at 2026-11-21T10:00:00Z")
                .contains("bin/burnrate contain approve");
        assertThat(vendors.requests("/v1/organization/projects/proj_chat/spend_limit")).isEmpty();
        assertThat(aws.snsMessages()).isEmpty();

        JsonNode next = check(event("scheduled.json"));
        assertThat(next.get("containment")).extracting(l -> l.get("status").asText() + ": " + l.get("detail").asText())
                .contains("expired: link expired unapproved");
    }

    @Test
    void twoApprovalsAtOnceActOnce() throws Exception {
        secrets();
        openAiOverItsBudget();
        check(event("scheduled.json"));
        String approve = token(messages(aws.snsMessages(), "containment_proposed").get(0));
        CyclicBarrier start = new CyclicBarrier(2);

        List<CompletableFuture<JsonNode>> both = List.of(1, 2).stream().map(n -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
                return http("POST", approve, "203.0.113." + n);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();

        List<Integer> statuses = both.stream().map(f -> f.join().get("statusCode").asInt()).sorted().toList();
        assertThat(statuses).containsExactly(200, 409);
        assertThat(vendors.requests("/v1/organization/projects/proj_chat/spend_limit"))
                .filteredOn(r -> r.getMethod().getName().equals("POST")).hasSize(1);
        assertThat(aws.snsMessages()).extracting(n -> n.at("/MessageAttributes/kind/Value").asText())
                .containsExactly("containment_approved", "containment_done");
    }

    @Test
    void aVendorErrorLeavesTheActionFailedAndSaysSoAndApprovingAgainRetries() throws Exception {
        secrets();
        openAiOverItsBudget();
        check(event("scheduled.json"));
        String id = aws.partition("CONTAIN").keySet().iterator().next();
        aws.snsMessages();
        vendors.register(com.github.tomakehurst.wiremock.client.WireMock
                .post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/v1/organization/projects/proj_chat/spend_limit")).atPriority(1)
                .inScenario("fails once").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("answered").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"The server had an error while processing your request\"}}")));

        JsonNode failed = cli("approve", id, "arn:aws:iam::123456789012:user/ana");

        assertThat(failed.get("moved").asBoolean()).isTrue();
        assertThat(failed.at("/actions/0/status").asText()).isEqualTo("failed");
        assertThat(failed.get("message").asText()).isEqualTo("openai /v1/organization/projects/{project_id}/spend_limit:"
                + " answered HTTP 500: The server had an error while processing your request");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).isEmpty();
        assertThat(aws.snsMessages()).extracting(n -> n.get("Subject").asText()).containsExactly(
                "[burnrate] Approved: containing OpenAI project proj_chat (arn:aws:iam::123456789012:user/ana)",
                "[burnrate] Containment FAILED: OpenAI project proj_chat");
        assertThat(item(id).get("priorSummary").s()).isEqualTo("no hard spend limit");

        JsonNode retried = cli("approve", id, "arn:aws:iam::123456789012:user/ana");
        assertThat(retried.at("/actions/0/status").asText()).isEqualTo("contained");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(40_000);
        JsonNode undone = cli("undo", id, "arn:aws:iam::123456789012:user/bo");
        assertThat(undone.get("message").asText()).isEqualTo("hard spend limit deleted, as there was none before");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).isEmpty();
        JsonNode again = cli("undo", id, "arn:aws:iam::123456789012:user/bo");
        assertThat(again.get("refused").asText()).contains("cannot be undone: it is undone since");
    }

    /**
     * The run dies after the vendor acted and before it recorded so (here: the write of CONTAINED is refused). The
     * action stays ACTING with the state read before; the first check after the lease sets the switch again (every
     * switch is idempotent) and records it, and undo puts back what was read before the first attempt, not the
     * limit the first attempt left behind.
     */
    @Test
    void aRunThatDiesAfterTheVendorActedIsFinishedByTheNextCheckAndUndoStillRestoresTheFirstPriorState()
            throws Exception {
        secrets();
        openAiOverItsBudget();
        VendorSwitches.openAiLimit("proj_chat", 50_000);
        check(event("scheduled.json"));
        String approve = token(messages(aws.snsMessages(), "containment_proposed").get(0));
        String id = aws.partition("CONTAIN").keySet().iterator().next();
        DynamoFaultProxy.arm(dynamoProxy, "TransactWriteItems", ACCESS_DENIED, 1, "\\{\"S\":\"CONTAINED\"\\}");

        JsonNode died = http("POST", approve, "203.0.113.9");

        assertThat(died.get("statusCode").asInt()).isEqualTo(500);
        assertThat(died.get("body").asText()).contains("Stopped part way").contains("not authorized")
                .contains("The first check 5 minutes or more from now finishes it");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(40_000);   // the vendor did act
        assertThat(item(id).get("status").s()).isEqualTo("ACTING");
        assertThat(item(id).get("priorSummary").s()).isEqualTo("hard spend limit $500.00");
        assertThat(http("POST", approve, "203.0.113.9").get("statusCode").asInt()).isEqualTo(409);

        // within the lease the run might still be alive: nothing is taken over (the approval's message goes out)
        JsonNode early = check(event("scheduled.json"));
        assertThat(early.get("containment")).isEmpty();
        assertThat(aws.snsMessages()).extracting(n -> n.at("/MessageAttributes/kind/Value").asText())
                .containsExactly("containment_approved");

        clock.advance(Duration.ofMinutes(6));
        JsonNode next = check(event("scheduled.json"));

        assertThat(next.get("containment")).singleElement().satisfies(l -> {
            assertThat(l.get("status").asText()).isEqualTo("contained");
            assertThat(l.get("detail").asText()).startsWith("taken over: hard spend limit set to $400.00 a month "
                    + "(was $500.00)");
        });
        assertThat(aws.snsMessages()).extracting(n -> n.at("/MessageAttributes/kind/Value").asText())
                .containsExactly("containment_done");
        assertThat(history(item(id))).containsExactly("PROPOSED burnrate", "APPROVED approval link (from 203.0.113.9)",
                "ACTING burnrate", "ACTING burnrate", "CONTAINED burnrate");
        assertThat(check(event("scheduled.json")).get("containment")).isEmpty();   // finished once

        cli("undo", id, "arn:aws:iam::123456789012:user/ana");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(50_000);
    }

    /** Containment that cannot write does not hold back the check's own alerts, and the next check proposes. */
    @Test
    void containmentThatCannotWriteLeavesTheChecksAlertsGoingOut() throws Exception {
        secrets();
        openAiOverItsBudget();
        DynamoFaultProxy.arm(dynamoProxy, "TransactWriteItems", ACCESS_DENIED, 1, "\\{\"S\":\"PROPOSED\"\\}");

        JsonNode report = check(event("scheduled.json"));

        assertThat(report.get("containment")).singleElement().satisfies(l -> {
            assertThat(l.get("status").asText()).isEqualTo("error");
            assertThat(l.get("detail").asText()).startsWith("containment failed this check, its alerts went out "
                    + "regardless: ").contains("not authorized");
        });
        assertThat(report.get("alerts")).isNotEmpty().allSatisfy(a -> assertThat(a.get("error").isNull()).isTrue());
        assertThat(aws.snsMessages()).extracting(n -> n.at("/MessageAttributes/kind/Value").asText())
                .isNotEmpty().doesNotContain("containment_proposed");
        assertThat(aws.partition("CONTAIN")).isEmpty();

        assertThat(check(event("scheduled.json")).get("containment")).extracting(l -> l.get("status").asText())
                .containsExactly("proposed");
    }

    @Test
    void anAnthropicWorkspacesActiveKeysAreSetInactiveAndExactlyThoseComeBack() throws Exception {
        secrets();
        vendors.openAi(new Days(), 31);
        vendors.anthropic(new Days().every(HISTORY_START, TODAY,
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Input Tokens", "1000")), 31);
        VendorSwitches.anthropicKey("apikey_01", "prod", "wrkspc_support", "active");
        VendorSwitches.anthropicKey("apikey_02", "batch", "wrkspc_support", "active");
        VendorSwitches.anthropicKey("apikey_03", "old", "wrkspc_support", "inactive");
        VendorSwitches.anthropicKey("apikey_04", "other team", "wrkspc_other", "active");
        JsonNode report = check(event("scheduled.json"));
        String id = report.get("containment").get(0).get("action").asText();
        assertThat(report.get("containment").get(0).get("target").asText()).isEqualTo("anthropic/wrkspc_support");

        JsonNode contained = cli("approve", id, "arn:aws:iam::123456789012:user/ana");

        assertThat(contained.get("message").asText()).isEqualTo("2 API keys set inactive: apikey_01, apikey_02");
        assertThat(VendorSwitches.anthropicStatuses()).containsExactly(Map.entry("apikey_01", "inactive"),
                Map.entry("apikey_02", "inactive"), Map.entry("apikey_03", "inactive"),
                Map.entry("apikey_04", "active"));
        assertThat(contained.at("/actions/0/before").asText()).isEqualTo("2 active API keys: prod, batch");

        cli("undo", id, "arn:aws:iam::123456789012:user/ana");

        assertThat(VendorSwitches.anthropicStatuses()).containsExactly(Map.entry("apikey_01", "active"),
                Map.entry("apikey_02", "active"), Map.entry("apikey_03", "inactive"), Map.entry("apikey_04", "active"));
    }

    @Test
    void aKeyThatFailsHalfWayIsNamedAndUndoPutsBackTheOnesThatChanged() throws Exception {
        secrets();
        vendors.openAi(new Days(), 31);
        vendors.anthropic(new Days().every(HISTORY_START, TODAY,
                new Charge("wrkspc_support", "Claude Sonnet 4.5 Usage - Input Tokens", "1000")), 31);
        VendorSwitches.anthropicKey("apikey_01", "prod", "wrkspc_support", "active");
        VendorSwitches.anthropicKey("apikey_02", "batch", "wrkspc_support", "active");
        String id = check(event("scheduled.json")).get("containment").get(0).get("action").asText();
        vendors.register(com.github.tomakehurst.wiremock.client.WireMock
                .post(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                        "/v1/organizations/api_keys/apikey_02")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json").withBody("{\"type\": \"error\", \"error\": "
                                + "{\"type\": \"permission_error\", \"message\": \"not allowed to update this key\"}}")));

        JsonNode failed = cli("approve", id, "arn:aws:iam::123456789012:user/ana");

        assertThat(failed.at("/actions/0/status").asText()).isEqualTo("failed");
        assertThat(failed.get("message").asText()).startsWith("anthropic /v1/organizations/api_keys/{api_key_id}: "
                + "set inactive: apikey_01; not changed: apikey_02 (anthropic /v1/organizations/api_keys/{api_key_id}: "
                + "answered HTTP 403: not allowed to update this key)");
        assertThat(VendorSwitches.anthropicStatuses()).containsEntry("apikey_01", "inactive")
                .containsEntry("apikey_02", "active");

        vendors.reset();
        vendors.switches();
        VendorSwitches.anthropicKey("apikey_01", "prod", "wrkspc_support", "inactive");
        VendorSwitches.anthropicKey("apikey_02", "batch", "wrkspc_support", "active");
        JsonNode undone = cli("undo", id, "arn:aws:iam::123456789012:user/ana");
        assertThat(undone.at("/actions/0/status").asText()).isEqualTo("undone");
        assertThat(VendorSwitches.anthropicStatuses()).containsEntry("apikey_01", "active")
                .containsEntry("apikey_02", "active");
    }

    @Test
    void theOpenRouterKeyThatSpentMostTodayIsDisabledAndEnabledAgain() throws Exception {
        secrets();
        vendors.openAi(new Days(), 31);
        vendors.anthropic(new Days(), 31);
        vendors.openRouter(new Days().every(HISTORY_START, TODAY, new Charge(null, "anthropic/claude-sonnet-4.5",
                "5.00")), TODAY);
        VendorSwitches.openRouterKey("hash_busy", "prod", false, 42.0);
        VendorSwitches.openRouterKey("hash_quiet", "dev", false, 0.5);
        JsonNode report = check(event("scheduled.json"));
        assertThat(report.get("containment")).extracting(l -> l.get("target").asText())
                .containsExactly("openrouter/hash_busy");
        String id = report.get("containment").get(0).get("action").asText();

        cli("approve", id, "arn:aws:iam::123456789012:user/ana");
        assertThat(VendorSwitches.openRouterDisabled("hash_busy")).contains(true);
        assertThat(VendorSwitches.openRouterDisabled("hash_quiet")).contains(false);
        cli("undo", id, "arn:aws:iam::123456789012:user/ana");
        assertThat(VendorSwitches.openRouterDisabled("hash_busy")).contains(false);
    }

    @Test
    void aBedrockRoleIsDeniedThroughIamAndTheDenyIsRemoved() throws Exception {
        secrets();
        vendors.openAi(new Days(), 31);
        vendors.anthropic(new Days(), 31);
        aws.createRole("app-role");
        aws.queueCostAndUsage("""
                [{"TimePeriod": {"Start": "2026-11-19", "End": "2026-11-20"}, "Total": {}, "Estimated": true,
                  "Groups": [{"Keys": ["Amazon Bedrock", "USE1-Claude3.5Sonnet-input-tokens"],
                              "Metrics": {"UnblendedCost": {"Amount": "16.00", "Unit": "USD"}}}]}]
                """);
        JsonNode report = check(event("scheduled.json"));
        String id = report.get("containment").get(0).get("action").asText();
        assertThat(report.get("containment").get(0).get("target").asText()).isEqualTo("bedrock/app-role");

        JsonNode contained = cli("approve", id, "arn:aws:iam::123456789012:user/ana");

        assertThat(contained.at("/actions/0/status").asText()).isEqualTo("contained");
        assertThat(aws.rolePolicy("app-role", "burnrate-containment")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("\"Effect\":\"Deny\"").contains("bedrock:InvokeModel*").contains("bedrock:Converse*"));
        assertThat(contained.at("/actions/0/before").asText()).isEqualTo("no burnrate-containment policy on the role");

        cli("undo", id, "arn:aws:iam::123456789012:user/ana");

        assertThat(aws.rolePolicy("app-role", "burnrate-containment")).isEmpty();
    }

    private record Cli(int status, String out, String err) {
    }

    /** bin/burnrate contain, as an operator runs it with AWS credentials, against moto (--endpoint). */
    private Cli containCommand(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("python3", "bin/lib/contain.py"));
        command.addAll(List.of(args));
        command.addAll(List.of("--region", "us-east-1", "--endpoint", motoEndpoint.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Cli(process.waitFor(), out, err);
    }

    /**
     * bin/burnrate contain finds the stack's function, sends it who is asking (STS), and prints its answer: the event
     * it sends is given to the real function here, and the real function's answer is what the stack's function
     * (moto's, without Docker) answers the CLI.
     */
    @Test
    void theContainCommandInvokesTheStacksFunctionAsTheCallerAndPrintsItsAnswer() throws Exception {
        secrets();
        openAiOverItsBudget();
        VendorSwitches.openAiLimit("proj_chat", 50_000);
        String id = check(event("scheduled.json")).get("containment").get(0).get("action").asText();
        aws.stackWithContainFunction("burnrate", "burnrate-ContainFunction-X1");

        Cli sent = containCommand("approve", id, "--stack", "burnrate", "--json");   // the function echoes the event

        assertThat(sent.status()).as(sent.err()).isZero();
        JsonNode event = JSON.readTree(sent.out());
        assertThat(event).isEqualTo(JSON.readTree("{\"contain\": \"approve\", \"id\": \"" + id + "\", \"by\": "
                + "\"arn:aws:sts::123456789012:user/moto\"}"));
        aws.answerNextInvocation(check(event.toString()).toString());

        Cli shown = containCommand("approve", id, "--stack", "burnrate");

        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(shown.out().lines().toList()).startsWith(
                id + "  contained   OpenAI project proj_chat (suggest)",
                "    why:    OpenAI budget at 134% ($402.00 of $300)",
                "    before: hard spend limit $500.00",
                "    answer: hard spend limit set to $400.00 a month (was $500.00); OpenAI enforces it, not instantly",
                "    2026-11-20T10:00:00Z proposed by burnrate: OpenAI budget at 134% ($402.00 of $300)",
                "    2026-11-20T10:00:00Z approved by arn:aws:sts::123456789012:user/moto");
        assertThat(shown.out().lines().toList()).last().isEqualTo("done: hard spend limit set to $400.00 a month (was "
                + "$500.00); OpenAI enforces it, not instantly");
        assertThat(VendorSwitches.openAiLimit("proj_chat")).contains(40_000);

        aws.answerNextInvocation(check(event.toString()).toString());   // the same approval again acts on nothing
        Cli twice = containCommand("approve", id, "--stack", "burnrate");
        assertThat(twice.status()).isEqualTo(1);
        assertThat(twice.out().strip()).isEqualTo("refused: action " + id + " (OpenAI project proj_chat) cannot be "
                + "approved: it is contained since 2026-11-20T10:00:00Z (burnrate)");

        Cli noStack = containCommand("list", "--stack", "nope");
        assertThat(noStack.status()).isEqualTo(1);
        assertThat(noStack.err().strip()).isEqualTo("bin/burnrate contain: stack nope: Stack with id nope does not "
                + "exist");
        Cli badId = containCommand("undo", "12", "--stack", "burnrate");
        assertThat(badId.status()).isEqualTo(2);
        assertThat(badId.err()).contains("'12' is not an action id: those are c and 12 letters or digits");
    }

    @Test
    void theCliListsEveryActionAndRefusesWhatItCannotDo() throws Exception {
        secrets();
        openAiOverItsBudget();
        check(event("scheduled.json"));

        JsonNode list = check(event("contain-list.json"));
        JsonNode unknown = cli("approve", "cqqqqqqqqqqqq", "arn:aws:iam::123456789012:user/ana");
        Response bad = invoke("{\"contain\": \"delete\"}");

        assertThat(list.get("actions")).singleElement().satisfies(a -> {
            assertThat(a.get("label").asText()).isEqualTo("OpenAI project proj_chat");
            assertThat(a.get("status").asText()).isEqualTo("proposed");
            assertThat(a.get("history").get(0).asText()).startsWith("2026-11-20T10:00:00Z proposed by burnrate: ");
        });
        assertThat(unknown.get("refused").asText()).isEqualTo("there is no containment action cqqqqqqqqqqqq; "
                + "bin/burnrate contain list shows them");
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(bad.jsonPath().getString("errorMessage")).isEqualTo("Field 'contain' is 'delete'; expected list, "
                + "approve or undo.");
    }
}
