package dev.burnrate.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/**
 * What every test of the whole function shares: moto and WireMock wiped before each test, the events from
 * {@code events/}, and invocation through the Lambda mock event server.
 */
public abstract class FunctionTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper();
    /** One set of AWS clients per moto: building five SDK clients before every test costs more than the test. */
    private static final Map<URI, LocalAws> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    @ConfigProperty(name = "test.moto.endpoint")
    protected URI motoEndpoint;

    @ConfigProperty(name = "test.wiremock.port")
    protected int wireMockPort;

    /** The DynamoDB fault proxy in front of moto (see {@link DynamoFaultProxy}). */
    @ConfigProperty(name = "test.dynamo.proxy")
    protected URI dynamoProxy;

    /** The function's clock; it moves only when a test moves it. */
    @Inject
    protected TestClock clock;

    /** The vendor calls' retry waits; none is slept through. */
    @Inject
    protected RecordingPause pauses;

    /** What a warm function keeps between checks: each test starts cold. */
    @Inject
    protected dev.burnrate.config.SecretStore secretStore;

    @Inject
    protected dev.burnrate.provider.OAuthTokens oauthTokens;

    protected LocalAws aws;
    protected VendorFixtures vendors;

    @BeforeEach
    void resetWorld() {
        aws = CLIENTS.computeIfAbsent(motoEndpoint, LocalAws::new);
        aws.reset();
        vendors = new VendorFixtures(wireMockPort);
        vendors.reset();
        DynamoFaultProxy.clear(dynamoProxy);
        clock.reset();
        pauses.clear();
        secretStore.forget();
        oauthTokens.forgetAll();
    }

    /** A key for every vendor in the secret (Bedrock needs none), and the Azure and Google token endpoints. */
    protected void everyVendorHasAKey() {
        aws.putSecrets(Map.of("openai", LocalAws.OPENAI_KEY, "anthropic", LocalAws.ANTHROPIC_KEY,
                "openrouter", "sk-or-v1-test-management-key", "azureClientSecret", "test-secret",
                "googleServiceAccount", vendors.googleServiceAccountKey()));
        vendors.tokens();
    }

    /** The text of a sample event in {@code events/}. */
    protected static String event(String name) throws Exception {
        return Files.readString(Path.of("events", name));
    }

    protected static Response invoke(String event) {
        return given().contentType("application/json").accept("application/json").body(event).when().post();
    }

    /** Invokes the function, expects success and returns the CheckReport. */
    protected static JsonNode check(String event) throws Exception {
        Response response = invoke(event);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    /** The entries of a report array, by the value of one of their fields. */
    protected static Map<String, JsonNode> byField(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false)
                .collect(Collectors.toMap(v -> v.get(field).asText(), v -> v));
    }
}
