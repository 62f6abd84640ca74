package dev.burnrate.notify;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.exception.SdkException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.config.AwsApi;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;

/**
 * Sends alerts as multipart (text and HTML) e-mail through SES v2's {@code SendEmail}
 * ({@code POST /v2/email/outbound-emails}, REST-JSON) through {@link AwsApi}.
 */
@ApplicationScoped
public class EmailNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsApi api;
    private final AwsApi.Service ses;
    private final BurnrateConfig.Notify.Email config;

    EmailNotifier(AwsApi api, BurnrateConfig config) {
        this.api = api;
        this.ses = api.regional("SesV2", "ses", "email");
        this.config = config.channels().email();
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public boolean enabled(Secrets secrets) {
        return config.from().isPresent() && config.to().map(to -> !to.isEmpty()).orElse(false);
    }

    @Override
    public String send(AlertMessage message, Secrets secrets) {
        ObjectNode request = JSON.createObjectNode().put("FromEmailAddress", config.from().orElseThrow());
        config.to().orElseThrow().forEach(request.putObject("Destination").putArray("ToAddresses")::add);
        ObjectNode simple = request.putObject("Content").putObject("Simple");
        simple.putObject("Subject").put("Data", message.subject()).put("Charset", "UTF-8");
        ObjectNode body = simple.putObject("Body");
        body.putObject("Text").put("Data", message.text()).put("Charset", "UTF-8");
        body.putObject("Html").put("Data", message.html()).put("Charset", "UTF-8");
        config.configurationSet().ifPresent(set -> request.put("ConfigurationSetName", set));
        try {
            String id = api.restJson(ses, "/v2/email/outbound-emails", request).path("MessageId").asText("");
            if (id.isBlank()) {
                throw new DeliveryException(channel(), "SES answered SendEmail without a MessageId");
            }
            return id;
        } catch (SdkException e) {
            throw new DeliveryException(channel(), "SES refused the e-mail: " + e.getMessage(), e);
        }
    }
}
