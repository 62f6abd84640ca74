package dev.burnrate.notify;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Sends alerts as multipart (text and HTML) e-mail through an SMTP server, for teams without SES. Uses the
 * Vert.x mail client that quarkus-mailer brings, configured per send so the password can come from the secret
 * ({@code smtpPassword}) rather than an environment variable.
 */
@ApplicationScoped
public class SmtpNotifier implements Notifier {

    static final String PASSWORD = "smtpPassword";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final BurnrateConfig.Smtp config;

    SmtpNotifier(Vertx vertx, BurnrateConfig config) {
        this.vertx = vertx;
        this.config = config.channels().smtp();
    }

    @Override
    public String channel() {
        return "smtp";
    }

    @Override
    public boolean enabled(Secrets secrets) {
        return config.host().isPresent() && config.from().isPresent()
                && config.to().map(to -> !to.isEmpty()).orElse(false);
    }

    @Override
    public String send(AlertMessage message, Secrets secrets) {
        MailConfig mail = new MailConfig().setHostname(config.host().orElseThrow()).setPort(config.port())
                .setConnectTimeout((int) TIMEOUT.toMillis());
        switch (config.security()) {
            case "tls" -> mail.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
            case "none" -> mail.setStarttls(StartTLSOptions.DISABLED);
            case "starttls" -> mail.setStarttls(StartTLSOptions.REQUIRED);
            default -> throw new IllegalStateException("burnrate.notify.smtp.security must be starttls, tls or none, got "
                    + config.security());
        }
        if (config.username().isPresent()) {
            mail.setUsername(config.username().get()).setPassword(secrets.value(PASSWORD).orElseThrow(
                    () -> new IllegalStateException("SMTP username is set but the secret has no " + PASSWORD)))
                    .setLogin(LoginOption.REQUIRED);
        } else {
            mail.setLogin(LoginOption.DISABLED);
        }
        MailMessage email = new MailMessage().setFrom(config.from().orElseThrow()).setTo(config.to().orElseThrow())
                .setSubject(message.subject()).setText(message.text()).setHtml(message.html());
        MailClient client = MailClient.create(vertx, mail);
        try {
            return client.sendMail(email).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getMessageID();
        } catch (ExecutionException e) {
            throw new DeliveryException(channel(), "SMTP server " + config.host().get() + ":" + config.port()
                    + " refused the message: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new DeliveryException(channel(), "SMTP server " + config.host().get() + ":" + config.port()
                    + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(channel(), "interrupted while sending e-mail", e);
        } finally {
            client.close();
        }
    }
}
