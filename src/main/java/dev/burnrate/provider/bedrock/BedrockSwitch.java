package dev.burnrate.provider.bedrock;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.config.AwsApi;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import dev.burnrate.contain.Action;
import dev.burnrate.contain.Target;
import dev.burnrate.provider.VendorException;
import dev.burnrate.provider.VendorSwitch;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * Contains AWS Bedrock for one IAM role by attaching the inline policy {@value #POLICY}, which denies
 * {@code bedrock:InvokeModel*} and {@code bedrock:Converse*} (an explicit deny wins over every allow), so the role's
 * callers stop being served; undone by deleting that policy again (or putting back a policy of the same name that was
 * there before). Uses the function's own role, which the template allows {@code iam:GetRolePolicy},
 * {@code iam:PutRolePolicy} and {@code iam:DeleteRolePolicy} on the named roles only, through IAM's Query API.
 */
@ApplicationScoped
public class BedrockSwitch implements VendorSwitch {

    static final String POLICY = "burnrate-containment";
    static final String DENY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"BurnrateContainment\","
            + "\"Effect\":\"Deny\",\"Action\":[\"bedrock:InvokeModel*\",\"bedrock:Converse*\"],\"Resource\":\"*\"}]}";
    private static final String VERSION = "2010-05-08";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsApi api;
    private final AwsApi.Service iam;

    BedrockSwitch(AwsApi api, BurnrateConfig config) {
        this.api = api;
        this.iam = api.global("IAM", "iam", Region.US_EAST_1,
                config.aws().endpointOverride().orElse(URI.create("https://iam.amazonaws.com")), 3,
                Duration.ofSeconds(10));
    }

    @Override
    public String vendor() {
        return "bedrock";
    }

    @Override
    public String secretField() {
        return null;
    }

    @Override
    public String credentials(Secrets secrets) {
        return null;
    }

    @Override
    public Prior read(Target target, Secrets secrets) {
        String existing;
        try {
            Element result = call("GetRolePolicy", Map.of("RoleName", target.id(), "PolicyName", POLICY));
            existing = URLDecoder.decode(AwsApi.text(result, "PolicyDocument"), StandardCharsets.UTF_8);
        } catch (AwsServiceException e) {
            if (!"NoSuchEntity".equals(e.awsErrorDetails().errorCode())) {
                throw failure("GetRolePolicy", e);
            }
            existing = null;
        }
        ObjectNode prior = JSON.createObjectNode().put("policy", existing);
        return new Prior(prior.toString(), existing == null ? "no " + POLICY + " policy on the role"
                : "a " + POLICY + " policy already on the role: " + existing);
    }

    @Override
    public String contain(Action action, Prior prior, Secrets secrets) {
        put(action.target(), DENY);
        return "inline policy " + POLICY + " attached to role " + action.target().id()
                + ": Bedrock invocations denied (IAM applies it within seconds)";
    }

    @Override
    public String restore(Target target, Prior prior, Secrets secrets) {
        String before;
        try {
            before = JSON.readTree(prior.json()).path("policy").textValue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable prior state of an IAM role: " + prior.json(), e);
        }
        if (before != null) {
            put(target, before);
            return "inline policy " + POLICY + " put back as it was before";
        }
        try {
            call("DeleteRolePolicy", Map.of("RoleName", target.id(), "PolicyName", POLICY));
        } catch (VendorException e) {
            if (!(e.getCause() instanceof AwsServiceException s) || !"NoSuchEntity".equals(
                    s.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
        return "inline policy " + POLICY + " removed from role " + target.id() + ": Bedrock allowed again";
    }

    private void put(Target target, String document) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("RoleName", target.id());
        parameters.put("PolicyName", POLICY);
        parameters.put("PolicyDocument", document);
        call("PutRolePolicy", parameters);
    }

    private Element call(String action, Map<String, String> parameters) {
        try {
            if (!action.startsWith("Get")) {
                api.command(iam, action, VERSION, parameters);
                return null;
            }
            return api.query(iam, action, VERSION, parameters);
        } catch (AwsServiceException e) {
            if (action.equals("GetRolePolicy")) {
                throw e;
            }
            throw failure(action, e);
        } catch (SdkClientException e) {
            throw new VendorException(vendor(), "iam:" + action, e.getMessage(), e, true, null);
        }
    }

    private VendorException failure(String action, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return new VendorException(vendor(), "iam:" + action, code + ": " + message + " (request id "
                + e.requestId() + ")", e);
    }
}
