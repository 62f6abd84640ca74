package dev.burnrate.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.BurnrateConfig;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes alerts to the SNS topic with message attributes {@code kind}, {@code severity},
 * {@code budget} and (for vendor and project budgets) {@code vendor}, so subscriptions can filter.
 */
@ApplicationScoped
public class SnsNotifier implements Notifier {

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
    public boolean enabled() {
        return config.snsTopicArn().isPresent();
    }

    @Override
    public String send(AlertMessage message) {
        return sns.publish(r -> r.topicArn(config.snsTopicArn().orElseThrow())
                .subject(message.subject())
                .message(message.text())
                .messageAttributes(attributes(message)))
                .messageId();
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
