package dev.burnrate.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

import dev.burnrate.testing.RecordingPause;

/**
 * The AWS calls made without the services' SDK clients, against WireMock speaking each wire protocol: what is sent
 * (SigV4 scope, target, form, path), what comes back, and the faults — throttling and 5xx retried with the SDK's
 * back-off (waited through {@link Pause}, never slept), refusals not retried, an unreadable answer named.
 */
class AwsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;

    private final RecordingPause pause = new RecordingPause();
    private AwsApi api;

    @BeforeAll
    static void start() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        server = new WireMockServer(options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        api = new AwsApi(new BurnrateConfig.Aws() {
            public Optional<String> region() {
                return Optional.of("eu-west-1");
            }

            public Optional<URI> endpointOverride() {
                return Optional.of(URI.create(server.baseUrl()));
            }
        }, pause);
    }

    private static final String THROTTLED = "{\"__type\": \"ThrottlingException\", \"message\": \"Rate exceeded\"}";

    @Test
    void aJsonCallIsSignedForItsServiceAndRegionAndRetriedThroughThrottling() throws Exception {
        server.stubFor(post("/").inScenario("t").whenScenarioStateIs(STARTED).willSetStateTo("again")
                .willReturn(aResponse().withStatus(400).withBody(THROTTLED)));
        server.stubFor(post("/").inScenario("t").whenScenarioStateIs("again").willSetStateTo("ok")
                .willReturn(aResponse().withStatus(400).withBody(THROTTLED)));
        server.stubFor(post("/").inScenario("t").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"SecretString\": \"{}\"}")));

        var answer = api.json11(api.regional("SecretsManager", "secretsmanager", "secretsmanager"),
                "secretsmanager.GetSecretValue", JSON.createObjectNode().put("SecretId", "burnrate/keys"));

        assertThat(answer.path("SecretString").asText()).isEqualTo("{}");
        server.verify(3, postRequestedFor(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=test/\\d{8}/eu-west-1/"
                        + "secretsmanager/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}"))
                .withRequestBody(equalTo("{\"SecretId\":\"burnrate/keys\"}")));
        assertThat(pause.waits()).as("two back-offs, waited through Pause").hasSize(2);
    }

    @Test
    void aRefusalIsNotRetriedAndKeepsTheServicesCodeAndMessage() {
        server.stubFor(post("/").willReturn(aResponse().withStatus(400).withHeader("x-amzn-RequestId", "r-1")
                .withBody("{\"__type\": \"com.amazonaws.secretsmanager#ResourceNotFoundException\", "
                        + "\"Message\": \"Secrets Manager can't find the specified secret.\"}")));

        assertThatThrownBy(() -> api.json11(api.regional("SecretsManager", "secretsmanager", "secretsmanager"),
                "secretsmanager.GetSecretValue", JSON.createObjectNode().put("SecretId", "x")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.requestId()).isEqualTo("r-1");
                    assertThat(e.getMessage()).contains("Secrets Manager can't find the specified secret.")
                            .contains("Service: SecretsManager").contains("Status Code: 400");
                });
        server.verify(1, postRequestedFor(urlPathEqualTo("/")));
        assertThat(pause.waits()).isEmpty();
    }

    @Test
    void anUnreadableAnswerIsRetriedAndThenNamedAsSuch() {
        server.stubFor(post("/").willReturn(aResponse().withStatus(200).withBody("<html>gateway</html>")));
        AwsApi.Service ce = api.global("CostExplorer", "ce", Region.US_EAST_1, URI.create(server.baseUrl()), 4,
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> api.json11(ce, "AWSInsightsIndexService.GetCostAndUsage", JSON.createObjectNode()))
                .isInstanceOf(SdkClientException.class)
                .hasMessageStartingWith("Unable to unmarshall response (CostExplorer: JsonParseException");
        server.verify(4, postRequestedFor(urlPathEqualTo("/")).withHeader("Authorization",
                matching(".*/us-east-1/ce/aws4_request.*")));
    }

    @Test
    void aServerErrorWithoutJsonAndADroppedConnectionAreRetried() {
        server.stubFor(post("/").inScenario("f").whenScenarioStateIs(STARTED).willSetStateTo("503")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(post("/").inScenario("f").whenScenarioStateIs("503").willSetStateTo("503 again")
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable\n<p>try later</p>")));
        server.stubFor(post("/").inScenario("f").whenScenarioStateIs("503 again")
                .willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

        assertThatThrownBy(() -> api.json11(api.regional("Ssm", "ssm", "ssm"), "AmazonSSM.GetParameter",
                JSON.createObjectNode()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Service Unavailable");
                });
        // three attempts; the JDK's HTTP client may resend a POST whose connection was reset once more itself
        server.verify(moreThanOrExactly(3), postRequestedFor(urlPathEqualTo("/")));
        assertThat(pause.waits()).hasSize(2);
    }

    @Test
    void aQueryCallSendsTheFormAndReadsTheResultElement() {
        server.stubFor(post("/").willReturn(aResponse().withStatus(200).withBody("""
                <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
                  <ResponseMetadata><RequestId>f187a3c1</RequestId></ResponseMetadata>
                </PublishResponse>""")));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:alerts");
        form.put("Subject", "Budget 80% & rising");

        var result = api.query(api.regional("Sns", "sns", "sns"), "Publish", "2010-03-31", form);

        assertThat(AwsApi.text(result, "MessageId")).isEqualTo("94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
        server.verify(postRequestedFor(urlPathEqualTo("/")).withRequestBody(equalTo("Action=Publish"
                + "&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Aalerts"
                + "&Subject=Budget%2080%25%20%26%20rising")));
    }

    @Test
    void aQueryRefusalCarriesItsErrorCode() {
        server.stubFor(post("/").willReturn(aResponse().withStatus(404).withBody("""
                <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>
                  <RequestId>9dd01905</RequestId>
                </ErrorResponse>""")));

        assertThatThrownBy(() -> api.query(api.regional("Sns", "sns", "sns"), "Publish", "2010-03-31", Map.of()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                    assertThat(e.requestId()).isEqualTo("9dd01905");
                    assertThat(e.getMessage()).startsWith("Topic does not exist");
                });
        server.verify(1, postRequestedFor(urlPathEqualTo("/")));
    }

    @Test
    void aRestJsonCallPostsToItsPathUnderTheEndpoint() {
        server.stubFor(post("/v2/email/outbound-emails").willReturn(aResponse().withStatus(200)
                .withBody("{\"MessageId\": \"0100018c\"}")));

        var answer = api.restJson(api.regional("SesV2", "ses", "email"), "/v2/email/outbound-emails",
                JSON.createObjectNode().put("FromEmailAddress", "alerts@example.com"));

        assertThat(answer.path("MessageId").asText()).isEqualTo("0100018c");
        server.verify(postRequestedFor(urlPathEqualTo("/v2/email/outbound-emails"))
                .withHeader("Authorization", matching(".*/eu-west-1/ses/aws4_request.*")));
    }
}
