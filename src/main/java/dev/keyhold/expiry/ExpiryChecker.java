package dev.keyhold.expiry;

import dev.keyhold.certificates.CertificateExpiries;
import dev.keyhold.certificates.ChainExpiry;
import dev.keyhold.hostnames.HostnameExpiries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds certificates (custom certificates and custom hostnames' certificates) whose served chain expires within a
 * threshold and raises each (certificate, threshold) notification once across all nodes: the database's unique claim
 * decides, and only the claiming transaction creates a delivery for each webhook of the account. When several
 * thresholds are crossed at once (a certificate uploaded with 10 days left, or a checker that was down), all are
 * claimed and only the most urgent is sent. Also refreshes the expiry gauge. Safe to run on every node at once.
 */
@Component
public class ExpiryChecker {

    private static final Logger log = LoggerFactory.getLogger(ExpiryChecker.class);

    private final CertificateExpiries expiries;

    private final HostnameExpiries hostnames;

    private final DeliveryRepository deliveries;

    private final WebhookRepository webhooks;

    private final ExpirySettings settings;

    private final ExpiryMetrics metrics;

    private final TransactionTemplate transactions;

    private final Clock clock;

    ExpiryChecker(
            CertificateExpiries expiries,
            HostnameExpiries hostnames,
            DeliveryRepository deliveries,
            WebhookRepository webhooks,
            ExpirySettings settings,
            ExpiryMetrics metrics,
            TransactionTemplate transactions,
            Clock clock) {
        this.expiries = expiries;
        this.hostnames = hostnames;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.settings = settings;
        this.metrics = metrics;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Checks every custom certificate and custom hostname certificate now; returns how many notifications it raised. */
    public int check() {
        Instant now = this.clock.instant();
        List<ChainExpiry> all = new ArrayList<>(this.expiries.all());
        all.addAll(this.hostnames.all());
        this.metrics.update(all);
        int raised = 0;
        for (ChainExpiry expiry : all) {
            Duration left = expiry.left(now);
            if (left.isNegative() || left.isZero()) {
                continue; // expired: its status says so; there is nothing left to warn of
            }
            List<Integer> crossed = this.settings.thresholds().stream()
                    .filter(days -> left.compareTo(Duration.ofDays(days)) <= 0)
                    .toList();
            if (!crossed.isEmpty()) {
                raised += this.transactions.execute(status -> raise(expiry, crossed, now));
            }
        }
        return raised;
    }

    /** Claims the crossed thresholds (largest first); sends the smallest this call claimed. */
    private int raise(ChainExpiry expiry, List<Integer> crossed, Instant now) {
        DeliveryRepository.Notification urgent = null;
        int claimed = 0;
        for (int threshold : crossed) {
            DeliveryRepository.Notification n = notification(expiry, threshold, now);
            if (this.deliveries.claim(n)) {
                urgent = n;
                claimed++;
            }
        }
        if (urgent == null) {
            return 0;
        }
        List<Webhook> targets = this.webhooks.list(expiry.accountId());
        for (Webhook webhook : targets) {
            this.deliveries.createDelivery(urgent.id(), webhook.id(), now);
        }
        log.info(
                "Certificate {} ({}) of zone {}: {} expires on {}, within {} days; alerting {} webhook(s)",
                expiry.certificateId(),
                expiry.kind().apiName(),
                expiry.zoneId(),
                expiry.element().apiName(),
                expiry.expiresOn(),
                urgent.thresholdDays(),
                targets.size());
        return claimed;
    }

    private static DeliveryRepository.Notification notification(ChainExpiry expiry, int threshold, Instant now) {
        String id = UUID.randomUUID().toString();
        return new DeliveryRepository.Notification(
                id,
                expiry.accountId(),
                expiry.zoneId(),
                expiry.certificateId().value(),
                threshold,
                expiry.expiresOn(),
                expiry.element().apiName(),
                truncate(expiry.subject()),
                ExpiryAlert.of(id, expiry, threshold, now).json(),
                now);
    }

    private static String truncate(String subject) {
        return subject.length() <= 1024 ? subject : subject.substring(0, 1021) + "...";
    }
}
