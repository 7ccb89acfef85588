package dev.keyhold.api;

import dev.keyhold.expiry.WebhookRequest;

/** The body of a webhook create ({@code POST}) or replace ({@code PUT}), as Cloudflare's {@code {name, url, secret}}. */
record WebhookBody(String name, String url, String secret) {

    WebhookRequest toRequest() {
        return new WebhookRequest(this.name, this.url, this.secret);
    }
}
