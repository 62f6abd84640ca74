package dev.burnrate.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.exception.SdkException;

import dev.burnrate.config.AwsApi;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;

/**
 * Publishes alerts to the SNS topic as a per-protocol message (text for people, JSON for machines) with message
 * attributes {@code kind}, {@code severity},
 * {@code budget} and (for vendor and project budgets) {@code vendor}, so subscriptions can filter: SNS's
 * {@code Publish} in its Query protocol through {@link AwsApi}.
 */
@ApplicationScoped
public class SnsNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsApi api;
    private final AwsApi.Service sns;
    private final BurnrateConfig.Notify config;

    SnsNotifier(AwsApi api, BurnrateConfig config) {
        this.api = api;
        this.sns = api.regional("Sns", "sns", "sns");
        this.config = config.channels();
    }

    @Override
    public String channel() {
        return "sns";
    }

    @Override
    public boolean enabled(Secrets secrets) {
        return config.snsTopicArn().isPresent();
    }

    @Override
    public String send(AlertMessage message, Secrets secrets) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("TopicArn", config.snsTopicArn().orElseThrow());
        form.put("Subject", message.subject());
        form.put("MessageStructure", "json");
        form.put("Message", structured(message));
        form.putAll(attributes(message));
        try {
            String id = AwsApi.text(api.query(sns, "Publish", "2010-03-31", form), "MessageId");
            if (id == null || id.isBlank()) {
                throw new DeliveryException(channel(), "SNS answered Publish without a MessageId");
            }
            return id;
        } catch (SdkException e) {
            throw new DeliveryException(channel(), "SNS refused the message: " + e.getMessage(), e);
        }
    }

    /**
     * SNS's per-protocol message: the text for e-mail and SMS subscribers, the same content as JSON for SQS,
     * Lambda, HTTP(S) and Firehose subscribers.
     */
    static String structured(AlertMessage message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("default", message.text());
        body.put("email", message.text());
        body.put("sms", message.subject());
        for (String machine : List.of("email-json", "sqs", "lambda", "http", "https", "firehose")) {
            body.put(machine, message.json());
        }
        return body.toString();
    }

    /** The message attributes as Publish's form fields {@code MessageAttributes.entry.N.*}. */
    static Map<String, String> attributes(AlertMessage message) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", message.kind());
        values.put("severity", message.severity().wireName());
        values.put("budget", message.budgetId());
        if (message.vendor() != null) {
            values.put("vendor", message.vendor());
        }
        Map<String, String> form = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, String> attribute : values.entrySet()) {
            String entry = "MessageAttributes.entry." + ++n + ".";
            form.put(entry + "Name", attribute.getKey());
            form.put(entry + "Value.DataType", "String");
            form.put(entry + "Value.StringValue", attribute.getValue());
        }
        return form;
    }
}
