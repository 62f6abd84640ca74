package dev.burnrate.notify;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.exception.SdkException;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** Sends alerts as multipart (text and HTML) e-mail through SES v2. */
@ApplicationScoped
public class EmailNotifier implements Notifier {

    private final SesV2Client ses;
    private final BurnrateConfig.Notify.Email config;

    EmailNotifier(SesV2Client ses, BurnrateConfig config) {
        this.ses = ses;
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
        SendEmailRequest.Builder request = SendEmailRequest.builder()
                .fromEmailAddress(config.from().orElseThrow())
                .destination(d -> d.toAddresses(config.to().orElseThrow()))
                .content(c -> c.simple(m -> m
                        .subject(s -> s.data(message.subject()).charset("UTF-8"))
                        .body(b -> b.text(t -> t.data(message.text()).charset("UTF-8"))
                                .html(h -> h.data(message.html()).charset("UTF-8")))));
        config.configurationSet().ifPresent(request::configurationSetName);
        try {
            return ses.sendEmail(request.build()).messageId();
        } catch (SdkException e) {
            throw new DeliveryException(channel(), "SES refused the e-mail: " + e.getMessage(), e);
        }
    }
}
