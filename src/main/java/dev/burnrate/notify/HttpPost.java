package dev.burnrate.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts JSON to a webhook with the JDK's HTTP client. Webhook URLs are secrets: no error message contains one.
 */
final class HttpPost {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private HttpPost() {
    }

    /**
     * @param what what the URL is, for error messages ("Slack webhook")
     * @return the response body
     * @throws DeliveryException naming {@code what}, the status and the start of the answer
     */
    static String json(String channel, String what, String url, String body, Optional<String> authorization) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(channel, what + " URL in the secret is not a valid URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new DeliveryException(channel, what + " URL in the secret must start with https://");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "burnrate")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException(channel, what + " could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(channel, what + " call was interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body().replaceAll("\\s+", " ").trim();
            throw new DeliveryException(channel, what + " answered HTTP " + response.statusCode()
                    + (answer.isEmpty() ? "" : ": " + cut(dev.burnrate.config.Redaction.scrub(answer))));
        }
        return response.body();
    }

    /** At most 100 characters of an answer, cut only after its secrets are gone. */
    private static String cut(String answer) {
        return answer.length() > 100 ? answer.substring(0, 100) + "…" : answer;
    }
}
