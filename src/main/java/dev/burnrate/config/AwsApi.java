package dev.burnrate.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.enterprise.context.ApplicationScoped;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * The AWS calls burnrate makes outside DynamoDB — SNS {@code Publish}, SES v2 {@code SendEmail}, Secrets Manager
 * {@code GetSecretValue}, SSM {@code GetParameter}, Cost Explorer {@code GetCostAndUsage} — one operation each.
 * Their SDK clients are 7.9 MB of generated model for those five operations (a quarter of the package) and build
 * endpoint rules and interceptors at every cold start, so the requests are made with the SDK's own parts instead:
 * its SigV4 signer, its default credentials and region, its URL-connection HTTP client and its standard retry
 * strategy (the same throttling, 5xx and I/O retries with back-off the clients had), in each service's documented
 * wire protocol (AWS JSON 1.1, REST-JSON, Query). A refusal is thrown as the SDK's {@link AwsServiceException} with
 * the service's error code and message, an unreadable answer as an {@link SdkClientException} whose message
 * starts "Unable to unmarshall response", as the clients threw them.
 * <p>
 * Nothing is resolved before the first call, so a SnapStart snapshot holds no credentials.
 */
@ApplicationScoped
public class AwsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One service: how it signs, where it answers and how often a call is tried. */
    public record Service(String name, String signingName, Supplier<Region> region, Supplier<URI> endpoint,
            RetryStrategy retries, SdkHttpClient http) {
    }

    private final BurnrateConfig.Aws aws;
    private final Pause pause;
    private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private volatile Region region;

    @jakarta.inject.Inject
    AwsApi(BurnrateConfig config, Pause pause) {
        this(config.aws(), pause);
    }

    AwsApi(BurnrateConfig.Aws aws, Pause pause) {
        this.aws = aws;
        this.pause = pause;
    }

    /** The function's region: {@code burnrate.aws.region}, else the SDK's chain (AWS_REGION in Lambda). */
    public Region region() {
        Region known = region;
        if (known == null) {
            known = aws.region().map(Region::of).orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
            region = known;
        }
        return known;
    }

    /**
     * A service in the function's region at {@code https://<endpointPrefix>.<region>.amazonaws.com} (or the
     * configured override), tried up to three times as the SDK's standard strategy does.
     */
    public Service regional(String name, String signingName, String endpointPrefix) {
        Optional<URI> override = aws.endpointOverride();
        return new Service(name, signingName, this::region,
                () -> override.orElseGet(() -> URI.create("https://" + endpointPrefix + "." + region().id()
                        + ".amazonaws.com")),
                AwsRetryStrategy.standardRetryStrategy(), UrlConnectionHttpClient.builder().build());
    }

    /** A service at a fixed region and endpoint (Cost Explorer answers in us-east-1 only, at its one endpoint). */
    public Service global(String name, String signingName, Region region, URI endpoint, int maxAttempts,
            Duration readTimeout) {
        URI at = endpoint;
        return new Service(name, signingName, () -> region, () -> at,
                AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build(),
                UrlConnectionHttpClient.builder().socketTimeout(readTimeout).build());
    }

    /** An AWS JSON 1.1 operation ({@code X-Amz-Target: <target>}); the answer's JSON object. */
    public JsonNode json11(Service service, String target, JsonNode body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(service.endpoint().get())
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target).build();
        return json(service, request, bytes(body));
    }

    /** A REST-JSON operation: {@code POST <path>} with a JSON body; the answer's JSON object. */
    public JsonNode restJson(Service service, String path, JsonNode body) {
        URI base = service.endpoint().get();
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(base.resolve(base.getPath().endsWith("/") ? path.substring(1) : path))
                .putHeader("Content-Type", "application/json").build();
        return json(service, request, bytes(body));
    }

    /**
     * An AWS Query operation: the form {@code Action=<action>&Version=<version>&...}; the answer's
     * {@code <action>Result} element.
     */
    public Element query(Service service, String action, String version, Map<String, String> parameters) {
        return query(service, action, version, parameters, true);
    }

    /**
     * An AWS Query operation that answers no result, only its request id (IAM's {@code PutRolePolicy} and
     * {@code DeleteRolePolicy}): done when it answers 2xx.
     */
    public void command(Service service, String action, String version, Map<String, String> parameters) {
        query(service, action, version, parameters, false);
    }

    private Element query(Service service, String action, String version, Map<String, String> parameters,
            boolean result) {
        StringBuilder form = new StringBuilder("Action=").append(action).append("&Version=").append(version);
        parameters.forEach((key, value) -> form.append('&').append(encode(key)).append('=').append(encode(value)));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(service.endpoint().get())
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        return call(service, request, form.toString().getBytes(StandardCharsets.UTF_8), (status, body, requestId) -> {
            Document document = xml(service, body);
            Element root = document.getDocumentElement();
            if (status / 100 != 2) {
                Element error = child(root, "Error");
                String id = text(root, "RequestId");
                throw refusal(service, status, text(error, "Code"), text(error, "Message"),
                        id == null ? requestId : id);
            }
            if (!result) {
                return root;
            }
            Element answer = child(root, action + "Result");
            if (answer == null) {
                throw unreadable(service, "no " + action + "Result element", null);
            }
            return answer;
        });
    }

    /** The text of {@code parent}'s first child element {@code name}, or null. */
    public static String text(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent();
    }

    private interface Reader<T> {
        T read(int status, byte[] body, String requestId);
    }

    private JsonNode json(Service service, SdkHttpRequest request, byte[] body) {
        return call(service, request, body, (status, answer, requestId) -> {
            JsonNode json;
            try {
                json = answer.length == 0 ? JSON.createObjectNode() : JSON.readTree(answer);
            } catch (IOException e) {
                if (status / 100 != 2) {
                    throw refusal(service, status, null, firstLine(answer), requestId);
                }
                throw unreadable(service, e.getClass().getSimpleName(), e);
            }
            if (status / 100 != 2) {
                String type = json.path("__type").asText("");
                throw refusal(service, status, type.isEmpty() ? null : type.substring(type.lastIndexOf('#') + 1),
                        json.path("message").asText(json.path("Message").asText(null)), requestId);
            }
            if (!json.isObject()) {
                throw unreadable(service, "the answer is not a JSON object", null);
            }
            return json;
        });
    }

    private <T> T call(Service service, SdkHttpRequest request, byte[] body, Reader<T> reader) {
        RetryStrategy retries = service.retries();
        AcquireInitialTokenResponse first = retries.acquireInitialToken(
                AcquireInitialTokenRequest.create(service.name()));
        RetryToken token = first.token();
        Duration delay = first.delay();
        while (true) {
            pause(delay);
            try {
                T answer = once(service, request, body, reader);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return answer;
            } catch (SdkException failure) {
                try {
                    var next = retries.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token)
                            .failure(failure).build());
                    token = next.token();
                    delay = next.delay();
                } catch (TokenAcquisitionFailedException exhausted) {
                    throw failure;
                }
            }
        }
    }

    private <T> T once(Service service, SdkHttpRequest request, byte[] body, Reader<T> reader) {
        Region signingRegion = service.region().get();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion.id())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName()));
        int status;
        byte[] answer;
        String requestId;
        try {
            HttpExecuteResponse response = service.http().prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            status = response.httpResponse().statusCode();
            requestId = response.httpResponse().firstMatchingHeader("x-amzn-RequestId")
                    .or(() -> response.httpResponse().firstMatchingHeader("x-amz-request-id")).orElse(null);
            try (InputStream in = response.responseBody().orElse(null)) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
        } catch (IOException e) {
            throw SdkClientException.builder().message("Unable to execute HTTP request: " + e.getMessage())
                    .cause(e).build();
        }
        return reader.read(status, answer, requestId);
    }

    private static AwsServiceException refusal(Service service, int status, String code, String message,
            String requestId) {
        return AwsServiceException.builder().statusCode(status).requestId(requestId)
                .message(message)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName(service.name())
                        .errorCode(code == null ? "HTTP " + status : code).errorMessage(message).build())
                .build();
    }

    private static SdkClientException unreadable(Service service, String why, Throwable cause) {
        return SdkClientException.builder().message("Unable to unmarshall response (" + service.name() + ": " + why
                + ")").cause(cause).build();
    }

    private static Document xml(Service service, byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw unreadable(service, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code member} elements of a Query answer's list {@code list} (none when it is null). */
    public static List<Element> members(Element list) {
        List<Element> members = new java.util.ArrayList<>();
        if (list != null) {
            NodeList children = list.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element element && element.getTagName().equals("member")) {
                    members.add(element);
                }
            }
        }
        return members;
    }

    /** {@code parent}'s first child element {@code name}, or null (also when {@code parent} is null). */
    public static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            pause.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.builder().message("interrupted while waiting to retry").cause(e).build();
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
