package dev.keyhold.expiry;

/** Thrown when the account has no webhook with the id. */
public class WebhookNotFoundException extends RuntimeException {

    WebhookNotFoundException(WebhookId id) {
        super("webhook " + id + " not found");
    }
}
