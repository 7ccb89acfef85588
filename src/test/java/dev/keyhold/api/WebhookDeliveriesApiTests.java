package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.V4Client;
import dev.keyhold.support.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Delivery of expiry alerts to a real receiver: retries with the default backoff (1 min, 5 min, 30 min, 2 h, 6 h,
 * 12 h) on the application's clock, the status and attempts the deliveries endpoint reports, and giving up after the
 * default 8 attempts.
 */
class WebhookDeliveriesApiTests extends ExpiryApiTest {

    @Test
    void aFailedAttemptIsRetriedAfterTheBackoffUntilDelivered() throws Exception {
        String webhook = webhook("/flaky");
        this.receiver.answer(500);
        String certificate = uploadExpiring(this.clock.instant().plus(Duration.ofDays(20)));
        this.checker.check();

        this.worker.deliverDue();
        assertThat(this.receiver.received()).hasSize(1);
        Instant firstAttempt = this.clock.instant();
        JsonNode delivery = onlyDelivery(webhook);
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(500);
        assertThat(delivery.get("last_error").asString()).isEqualTo("HTTP 500");
        assertThat(delivery.get("certificate_id").asString()).isEqualTo(certificate);
        assertThat(delivery.get("threshold_days").asInt()).isEqualTo(30);
        Instant next = Instant.parse(delivery.get("next_attempt_at").asString());
        assertThat(Duration.between(firstAttempt, next)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
        this.worker.deliverDue();
        assertThat(this.receiver.received())
                .as("nothing is due before the backoff")
                .hasSize(1);
        assertThat(this.api
                        .get(webhooks() + "/" + webhook)
                        .result()
                        .get("last_failure")
                        .isNull())
                .isFalse();

        later(Duration.ofSeconds(61), this.worker::deliverDue);

        delivery = onlyDelivery(webhook);
        assertThat(delivery.get("status").asString()).isEqualTo("delivered");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(200);
        assertThat(delivery.get("last_error").isNull()).isTrue();
        assertThat(delivery.get("next_attempt_at").isNull()).isTrue();
        assertThat(delivery.get("delivered_at").isNull()).isFalse();
        List<WebhookReceiver.Received> received = this.receiver.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(received.get(1).header("X-Keyhold-Delivery"))
                .isEqualTo(delivery.get("id").asString());
        assertSigned(received.get(0), this.clock.instant());
        assertSigned(received.get(1), this.clock.instant());
        assertThat(this.api
                        .get(webhooks() + "/" + webhook)
                        .result()
                        .get("last_success")
                        .isNull())
                .isFalse();
        this.worker.deliverDue();
        assertThat(this.receiver.received()).hasSize(2);
    }

    @Test
    void aDeliveryThatNeverSucceedsFailsAfterTheLastAttempt() {
        String webhook = webhook("/down");
        this.receiver.otherwise(503);
        uploadExpiring(this.clock.instant().plus(Duration.ofDays(20)));
        this.checker.check();
        List<Duration> backoff = List.of(
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                Duration.ofHours(6),
                Duration.ofHours(12),
                Duration.ofHours(12));
        Duration moved = Duration.ZERO;
        try {
            this.worker.deliverDue();
            assertThat(this.receiver.received()).hasSize(1);
            for (Duration wait : backoff) {
                int before = this.receiver.received().size();
                this.clock.advance(wait.minusSeconds(5));
                moved = moved.plus(wait.minusSeconds(5));
                this.worker.deliverDue();
                assertThat(this.receiver.received())
                        .as("not due before %s", wait)
                        .hasSize(before);
                this.clock.advance(Duration.ofSeconds(10));
                moved = moved.plusSeconds(10);
                this.worker.deliverDue();
                assertThat(this.receiver.received()).as("due after %s", wait).hasSize(before + 1);
            }
            this.clock.advance(Duration.ofDays(2));
            moved = moved.plus(Duration.ofDays(2));
            this.worker.deliverDue();
            assertThat(this.receiver.received())
                    .as("nothing after the last attempt")
                    .hasSize(8);
        } finally {
            this.clock.advance(moved.negated());
        }
        JsonNode delivery = onlyDelivery(webhook);
        assertThat(delivery.get("status").asString()).isEqualTo("failed");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(8);
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(503);
        assertThat(delivery.get("last_error").asString()).isEqualTo("HTTP 503");
        assertThat(delivery.get("next_attempt_at").isNull()).isTrue();
        assertThat(this.receiver.received()).hasSize(8);
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        String webhook = webhook("/moved");
        this.receiver.answer(302);
        uploadExpiring(this.clock.instant().plus(Duration.ofDays(20)));
        this.checker.check();
        this.worker.deliverDue();
        JsonNode delivery = onlyDelivery(webhook);
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(302);
        assertThat(delivery.get("last_error").asString()).contains("redirects are not followed");
        assertThat(this.receiver.received()).hasSize(1);
    }

    @Test
    void anUnreachableWebhookRecordsWhyAndRetries() {
        WebhookReceiver gone = new WebhookReceiver();
        String url = gone.url("/gone");
        gone.close();
        V4Client.Response created = this.api.post(webhooks(), Map.of("name", "gone", "url", url, "secret", SECRET));
        String webhook = created.result().get("id").asString();
        uploadExpiring(this.clock.instant().plus(Duration.ofDays(20)));
        this.checker.check();
        this.worker.deliverDue();
        JsonNode delivery = onlyDelivery(webhook);
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_status_code").isNull()).isTrue();
        assertThat(delivery.get("last_error").asString()).startsWith("cannot reach 127.0.0.1");
    }
}
