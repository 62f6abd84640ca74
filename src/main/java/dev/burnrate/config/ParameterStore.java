package dev.burnrate.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
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

/**
 * Reads one SSM Parameter Store SecureString ({@code GetParameter} with decryption), the secret source without
 * Secrets Manager's monthly fee ({@code burnrate.secrets.source=ssm}). SSM's SDK client is 6 MB of generated model
 * for this one call, so the request is made with the SDK's own parts instead: its SigV4 signer, its default
 * credentials and region, and its URL-connection HTTP client, in SSM's documented AWS JSON 1.1 protocol
 * ({@code X-Amz-Target: AmazonSSM.GetParameter}). Messages name the parameter, never its value.
 */
@ApplicationScoped
public class ParameterStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BurnrateConfig.Aws aws;
    private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();

    ParameterStore(BurnrateConfig config) {
        this.aws = config.aws();
    }

    /** The decrypted value of the SecureString parameter {@code name}. */
    public String secureString(String name) {
        Region region = aws.region().map(Region::of).orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        URI endpoint = aws.endpointOverride().orElse(URI.create("https://ssm." + region.id() + ".amazonaws.com"));
        byte[] body = JSON.createObjectNode().put("Name", name).put("WithDecryption", true).toString()
                .getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm"));
        JsonNode answer;
        int status;
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            status = response.httpResponse().statusCode();
            try (InputStream in = response.responseBody().orElse(null)) {
                answer = in == null ? JSON.createObjectNode() : JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("SSM parameter '" + name + "' (burnrate.secrets.secret-id) could not be "
                    + "read: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (status != 200) {
            String type = answer.path("__type").asText("");
            type = type.substring(type.lastIndexOf('#') + 1);
            if (type.equals("ParameterNotFound")) {
                throw new IllegalStateException("SSM parameter '" + name + "' (burnrate.secrets.secret-id) does not "
                        + "exist");
            }
            throw new IllegalStateException("SSM parameter '" + name + "' (burnrate.secrets.secret-id): GetParameter "
                    + "answered HTTP " + status + (type.isEmpty() ? "" : " " + type) + ": "
                    + answer.path("message").asText(answer.path("Message").asText("")));
        }
        JsonNode parameter = answer.path("Parameter");
        if (!"SecureString".equals(parameter.path("Type").asText())) {
            throw new IllegalStateException("SSM parameter '" + name + "' is a " + parameter.path("Type").asText("?")
                    + "; burnrate reads its secrets only from a SecureString (encrypted) parameter");
        }
        return parameter.path("Value").asText(null);
    }
}
