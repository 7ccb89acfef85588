package dev.keyhold.expiry;

import dev.keyhold.tenancy.AccountId;
import java.net.URI;
import java.time.Instant;

/**
 * A webhook destination of an account, as the API shows it: never its secret.
 *
 * @param lastSuccess when a delivery to it last succeeded, or null
 * @param lastFailure when an attempt to deliver to it last failed, or null
 */
public record Webhook(
        WebhookId id,
        AccountId accountId,
        String name,
        URI url,
        Instant createdAt,
        Instant lastSuccess,
        Instant lastFailure) {}
