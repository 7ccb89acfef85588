package dev.keyhold.expiry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the deliveries that are due, on the calling (scheduler) thread, never a request thread. Each attempt is leased
 * in the database first, so with several nodes one of them makes it. A 2xx answer delivers; anything else waits the
 * next {@link ExpirySettings#backoffAfter backoff} and is tried again, up to {@link ExpirySettings#maxAttempts()}.
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private static final int BATCH = 20;

    /** At most this many attempts per run, so one run ends even if every attempt comes due again at once. */
    private static final int MAX_PER_RUN = 1000;

    private final DeliveryRepository deliveries;

    private final WebhookRepository webhooks;

    private final ExpirySettings settings;

    private final WebhookSender sender;

    private final Clock clock;

    DeliveryWorker(DeliveryRepository deliveries, WebhookRepository webhooks, ExpirySettings settings, Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.settings = settings;
        this.clock = clock;
        this.sender = new WebhookSender(settings, clock);
    }

    /** Makes every attempt that is due now; returns how many this call made. */
    public int deliverDue() {
        int made = 0;
        while (made < MAX_PER_RUN) {
            List<DeliveryRepository.Due> due = this.deliveries.due(this.clock.instant(), BATCH);
            if (due.isEmpty()) {
                break;
            }
            for (DeliveryRepository.Due d : due) {
                if (this.deliveries.lease(d, this.clock.instant().plus(this.settings.lease()))) {
                    attempt(d);
                    made++;
                }
            }
        }
        return made;
    }

    private void attempt(DeliveryRepository.Due due) {
        WebhookRepository.Target target = this.webhooks.target(due.webhook()).orElse(null);
        if (target == null) {
            return; // deleted meanwhile, and its deliveries with it
        }
        WebhookSender.Outcome outcome = this.sender.send(target, due.id(), due.payload());
        Instant at = this.clock.instant();
        int attempts = due.attempts() + 1;
        if (outcome.delivered()) {
            this.deliveries.record(due.id(), DeliveryStatus.DELIVERED, attempts, outcome.status(), null, null, at);
            this.webhooks.recordOutcome(due.webhook(), true, at);
            log.info("Delivered expiry alert {} to webhook {} (attempt {})", due.id(), due.webhook(), attempts);
            return;
        }
        String error = truncate(outcome.error());
        this.webhooks.recordOutcome(due.webhook(), false, at);
        if (attempts >= this.settings.maxAttempts()) {
            this.deliveries.record(due.id(), DeliveryStatus.FAILED, attempts, outcome.status(), error, null, null);
            log.warn(
                    "Gave up delivering expiry alert {} to webhook {} after {} attempts: {}",
                    due.id(),
                    due.webhook(),
                    attempts,
                    error);
            return;
        }
        Instant next = at.plus(this.settings.backoffAfter(attempts));
        this.deliveries.record(due.id(), DeliveryStatus.PENDING, attempts, outcome.status(), error, next, null);
        log.info(
                "Expiry alert {} to webhook {} failed (attempt {}: {}); next attempt at {}",
                due.id(),
                due.webhook(),
                attempts,
                error,
                next);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000) + "...";
    }
}
