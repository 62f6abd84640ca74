package dev.burnrate.notify;

/** One way of delivering alerts. Implementations are CDI beans; disabled ones are skipped. */
public interface Notifier {

    /** Short channel name for reports: {@code sns}, {@code email}. */
    String channel();

    /** True when configuration names a destination for this channel. */
    boolean enabled();

    /**
     * Delivers the message.
     *
     * @return the provider's message id
     * @throws RuntimeException when the provider refuses or cannot be reached
     */
    String send(AlertMessage message);
}
