package dev.burnrate.notify;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.Secrets;

/**
 * Posts every alert as JSON ({@link AlertMessage#json()}) to a generic webhook: {@code webhookUrl} in the secret,
 * with {@code webhookAuthorization} as the Authorization header when set.
 */
@ApplicationScoped
public class WebhookNotifier implements Notifier {

    static final String URL = "webhookUrl";
    static final String AUTHORIZATION = "webhookAuthorization";

    @Override
    public String channel() {
        return "webhook";
    }

    @Override
    public boolean enabled(Secrets secrets) {
        return secrets.value(URL).isPresent();
    }

    @Override
    public String send(AlertMessage message, Secrets secrets) {
        HttpPost.json(channel(), "Webhook", secrets.value(URL).orElseThrow(), message.json(), secrets.value(AUTHORIZATION));
        return "webhook:" + message.kind();
    }
}
