package dev.burnrate.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.BurnrateConfig;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes alerts to the SNS topic with message attributes {@code kind}, {@code severity} and
 * {@code budget}, so subscriptions can filter.
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
                .messageAttributes(Map.of(
                        "kind", attribute(message.kind().wireName()),
                        "severity", attribute(message.kind().severity().wireName()),
                        "budget", attribute(message.budgetId()))))
                .messageId();
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
