package dev.burnrate.notify;

import dev.burnrate.config.Secrets;

/** One way of delivering alerts. Implementations are CDI beans; disabled ones are skipped. */
public interface Notifier {

    /** Short channel name for reports: {@code sns}, {@code email}, {@code smtp}, {@code slack}, {@code webhook},
     * {@code pagerduty}, {@code teams}. */
    String channel();

    /** True when configuration (or the secret, for webhook URLs) names a destination for this channel. */
    boolean enabled(Secrets secrets);

    /**
     * False for a message this channel does not carry (PagerDuty takes no digest and, by default, no info alert);
     * such a message counts as taken by it.
     */
    default boolean carries(AlertMessage message) {
        return true;
    }

    /**
     * Delivers the message.
     *
     * @return the provider's message id (or a short receipt)
     * @throws DeliveryException when the provider refuses or cannot be reached; its message never contains a secret
     */
    String send(AlertMessage message, Secrets secrets);
}
