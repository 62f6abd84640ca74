package dev.burnrate.config;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads one SSM Parameter Store SecureString ({@code GetParameter} with decryption), the secret source without
 * Secrets Manager's monthly fee ({@code burnrate.secrets.source=ssm}), through {@link AwsApi} in SSM's AWS JSON 1.1
 * protocol ({@code X-Amz-Target: AmazonSSM.GetParameter}). Messages name the parameter, never its value.
 */
@ApplicationScoped
public class ParameterStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsApi api;
    private final AwsApi.Service ssm;

    ParameterStore(AwsApi api) {
        this.api = api;
        this.ssm = api.regional("Ssm", "ssm", "ssm");
    }

    /** The decrypted value of the SecureString parameter {@code name}. */
    public String secureString(String name) {
        JsonNode answer;
        try {
            answer = api.json11(ssm, "AmazonSSM.GetParameter",
                    JSON.createObjectNode().put("Name", name).put("WithDecryption", true));
        } catch (AwsServiceException e) {
            if ("ParameterNotFound".equals(e.awsErrorDetails().errorCode())) {
                throw new IllegalStateException("SSM parameter '" + name + "' (burnrate.secrets.secret-id) does not "
                        + "exist");
            }
            throw new IllegalStateException("SSM parameter '" + name + "' (burnrate.secrets.secret-id): GetParameter "
                    + "answered HTTP " + e.statusCode() + " " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException e) {
            throw new IllegalStateException("SSM parameter '" + name + "' (burnrate.secrets.secret-id) could not be "
                    + "read: " + e.getMessage(), e);
        }
        JsonNode parameter = answer.path("Parameter");
        if (!"SecureString".equals(parameter.path("Type").asText())) {
            throw new IllegalStateException("SSM parameter '" + name + "' is a " + parameter.path("Type").asText("?")
                    + "; burnrate reads its secrets only from a SecureString (encrypted) parameter");
        }
        return parameter.path("Value").asText(null);
    }
}
