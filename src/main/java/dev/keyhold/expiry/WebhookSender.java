package dev.keyhold.expiry;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * POSTs one signed delivery to a webhook with the JDK's HTTP client: only to public addresses unless allowed
 * ({@link WebhookAddresses}), bounded connect and answer times, redirects never followed (a 3xx is a failure), the
 * answer's body discarded. Runs on the delivery worker's thread only.
 */
class WebhookSender {

    /** What an attempt came to: the HTTP status, or null and why there was none. */
    record Outcome(Integer status, String error) {

        boolean delivered() {
            return this.status != null && this.status >= 200 && this.status < 300;
        }
    }

    private final HttpClient client;

    private final ExpirySettings settings;

    private final Clock clock;

    private final WebhookAddresses addresses;

    WebhookSender(ExpirySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.addresses = new WebhookAddresses(settings.allowPrivateAddresses());
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Outcome send(WebhookRepository.Target target, String deliveryId, String body) {
        Optional<String> refusal = this.addresses.refusal(target.url());
        if (refusal.isPresent()) {
            return new Outcome(null, "not sent: the url " + refusal.get());
        }
        long now = this.clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(this.settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Keyhold-Webhooks")
                .header("X-Keyhold-Event", ExpiryAlert.TYPE)
                .header("X-Keyhold-Delivery", deliveryId)
                .header(WebhookSignature.HEADER, WebhookSignature.header(target.secret(), now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            int status = this.client
                    .send(request, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(status, null);
            }
            return new Outcome(
                    status, "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""));
        } catch (HttpTimeoutException ex) {
            return new Outcome(null, "timed out: " + ex.getMessage());
        } catch (IOException ex) {
            return new Outcome(null, "cannot reach " + target.url().getHost() + ": " + ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted while sending");
        }
    }
}
