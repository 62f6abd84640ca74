package dev.burnrate.notify;

/**
 * An expected delivery failure: the channel's provider refused the message or could not be reached (an HTTP
 * status, an SMTP refusal, an SNS or SES error, a timeout). The message is kept and that channel is tried again by
 * the next run; the failure is reported. The message never contains a secret (webhook URLs, passwords).
 * Anything else a channel throws is a bug and fails the invocation once the other channels have delivered.
 */
public class DeliveryException extends RuntimeException {

    private final String channel;

    public DeliveryException(String channel, String message) {
        super(message);
        this.channel = channel;
    }

    public DeliveryException(String channel, String message, Throwable cause) {
        super(message, cause);
        this.channel = channel;
    }

    /** The channel that failed: {@code sns}, {@code email}, {@code smtp}, {@code slack}, {@code webhook}. */
    public String channel() {
        return channel;
    }
}
