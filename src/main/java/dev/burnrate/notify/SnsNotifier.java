package dev.burnrate.notify;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.exception.SdkException;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes alerts to the SNS topic as a per-protocol message (text for people, JSON for machines) with message
 * attributes {@code kind}, {@code severity},
 * {@code budget} and (for vendor and project budgets) {@code vendor}, so subscriptions can filter.
 */
@ApplicationScoped
public class SnsNotifier implements Notifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsClient sns;
    private final BurnrateConfig.Notify config;

    SnsNotifier(SnsClient sns, BurnrateConfig config) {
        this.sns = sns;
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
        try {
            return sns.publish(r -> r.topicArn(config.snsTopicArn().orElseThrow())
                    .subject(message.subject())
                    .messageStructure("json")
                    .message(structured(message))
                    .messageAttributes(attributes(message)))
                    .messageId();
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

    private static Map<String, MessageAttributeValue> attributes(AlertMessage message) {
        Map<String, MessageAttributeValue> attributes = new java.util.HashMap<>();
        attributes.put("kind", attribute(message.kind()));
        attributes.put("severity", attribute(message.severity().wireName()));
        attributes.put("budget", attribute(message.budgetId()));
        if (message.vendor() != null) {
            attributes.put("vendor", attribute(message.vendor()));
        }
        return attributes;
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
