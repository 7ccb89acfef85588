package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.expiry.Delivery;
import java.time.Instant;

/** One expiry alert sent (or being sent) to a webhook: Keyhold's own resource, snake_case like the rest of the API. */
record DeliveryView(
        String id,
        @JsonProperty("webhook_id") String webhookId,
        @JsonProperty("notification_id") String notificationId,
        @JsonProperty("certificate_id") String certificateId,
        @JsonProperty("zone_id") String zoneId,
        @JsonProperty("threshold_days") int thresholdDays,
        String element,
        @JsonProperty("expires_on") Instant expiresOn,
        String status,
        int attempts,
        @JsonProperty("last_status_code") Integer lastStatusCode,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("delivered_at") Instant deliveredAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(
                d.id(),
                d.webhookId().value(),
                d.notificationId(),
                d.certificateId(),
                d.zoneId(),
                d.thresholdDays(),
                d.element(),
                d.expiresOn(),
                d.status().apiName(),
                d.attempts(),
                d.lastStatusCode(),
                d.lastError(),
                d.nextAttemptAt(),
                d.createdAt(),
                d.deliveredAt());
    }
}
