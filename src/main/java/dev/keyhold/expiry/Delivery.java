package dev.keyhold.expiry;

import java.time.Instant;

/**
 * One notification sent (or being sent) to one webhook, with its attempts so far.
 *
 * @param element {@code leaf} or {@code intermediate}: the certificate of the served chain that expires first
 * @param lastStatusCode the HTTP status of the last attempt, or null when it got no answer (or none was made yet)
 * @param lastError why the last attempt failed, or null
 * @param nextAttemptAt when the next attempt is due, or null once delivered or failed
 */
public record Delivery(
        String id,
        WebhookId webhookId,
        String notificationId,
        String certificateId,
        String zoneId,
        int thresholdDays,
        String element,
        Instant expiresOn,
        DeliveryStatus status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant nextAttemptAt,
        Instant createdAt,
        Instant deliveredAt) {}
