package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.expiry.Webhook;
import java.time.Instant;

/** A webhook destination as Cloudflare's alerting API shows one; never its secret. {@code type} is always generic. */
record WebhookView(
        String id,
        String name,
        String url,
        String type,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("last_success") Instant lastSuccess,
        @JsonProperty("last_failure") Instant lastFailure) {

    static WebhookView of(Webhook webhook) {
        return new WebhookView(
                webhook.id().value(),
                webhook.name(),
                webhook.url().toString(),
                "generic",
                webhook.createdAt(),
                webhook.lastSuccess(),
                webhook.lastFailure());
    }
}
