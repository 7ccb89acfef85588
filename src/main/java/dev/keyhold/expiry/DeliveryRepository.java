package dev.keyhold.expiry;

import static dev.keyhold.expiry.WebhookRepository.instant;
import static dev.keyhold.expiry.WebhookRepository.utc;

import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores expiry notifications and their deliveries; claims are made by the database, so they hold across nodes. */
@Repository
class DeliveryRepository {

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A notification to raise once: one per (certificate, threshold, effective expiry). */
    record Notification(
            String id,
            AccountId account,
            ZoneId zone,
            String certificateId,
            int thresholdDays,
            Instant expiresOn,
            String element,
            String subject,
            String payload,
            Instant createdAt) {}

    /** A pending delivery whose attempt is due. */
    record Due(String id, WebhookId webhook, int attempts, Instant nextAttemptAt, String payload) {}

    /** Records the notification unless any node already did; true when this call raised it. */
    boolean claim(Notification n) {
        try {
            return insert(n);
        } catch (DuplicateKeyException ex) {
            return false; // NOTE: H2 may report a concurrent claim of the same row this way; PostgreSQL never does
        }
    }

    private boolean insert(Notification n) {
        return this.jdbc
                        .sql(
                                """
                insert into expiry_notifications (id, account_id, zone_id, certificate_id, threshold_days, expires_on,
                    element, subject, payload, created_at)
                values (:id, :account, :zone, :certificate, :threshold, :expiresOn, :element, :subject, :payload,
                    :createdAt)
                on conflict do nothing""")
                        .param("id", n.id())
                        .param("account", n.account().value())
                        .param("zone", n.zone().value())
                        .param("certificate", n.certificateId())
                        .param("threshold", n.thresholdDays())
                        .param("expiresOn", utc(n.expiresOn()))
                        .param("element", n.element())
                        .param("subject", n.subject())
                        .param("payload", n.payload())
                        .param("createdAt", utc(n.createdAt()))
                        .update()
                == 1;
    }

    void createDelivery(String notificationId, WebhookId webhook, Instant now) {
        this.jdbc
                .sql(
                        "insert into webhook_deliveries (id, webhook_id, notification_id, status, attempts,"
                                + " next_attempt_at, created_at) values (:id, :webhook, :notification, 'pending', 0, :now, :now)")
                .param("id", UUID.randomUUID().toString())
                .param("webhook", webhook.value())
                .param("notification", notificationId)
                .param("now", utc(now))
                .update();
    }

    List<Due> due(Instant now, int limit) {
        return this.jdbc
                .sql(
                        """
                select d.id, d.webhook_id, d.attempts, d.next_attempt_at, n.payload
                from webhook_deliveries d join expiry_notifications n on n.id = d.notification_id
                where d.status = 'pending' and d.next_attempt_at <= :now
                order by d.next_attempt_at, d.id limit :limit""")
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, n) -> new Due(
                        rs.getString("id").strip(),
                        new WebhookId(rs.getString("webhook_id").strip()),
                        rs.getInt("attempts"),
                        instant(rs, "next_attempt_at"),
                        rs.getString("payload")))
                .list();
    }

    /**
     * Takes the attempt: moves its due time to the end of a lease, guarded by the due time read, so that one node
     * makes it; if that node dies, the attempt is due again when the lease ends.
     */
    boolean lease(Due due, Instant until) {
        return this.jdbc
                        .sql("update webhook_deliveries set next_attempt_at = :until"
                                + " where id = :id and status = 'pending' and next_attempt_at = :seen")
                        .param("until", utc(until))
                        .param("id", due.id())
                        .param("seen", utc(due.nextAttemptAt()))
                        .update()
                == 1;
    }

    void record(
            String id,
            DeliveryStatus status,
            int attempts,
            Integer statusCode,
            String error,
            Instant nextAttemptAt,
            Instant deliveredAt) {
        this.jdbc
                .sql("update webhook_deliveries set status = :status, attempts = :attempts, last_status = :code,"
                        + " last_error = :error, next_attempt_at = :next, delivered_at = :delivered where id = :id")
                .param("id", id)
                .param("status", status.apiName())
                .param("attempts", attempts)
                .param("code", statusCode, Types.INTEGER)
                .param("error", error, Types.VARCHAR)
                .param("next", utc(nextAttemptAt), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("delivered", utc(deliveredAt), Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    List<Delivery> list(WebhookId webhook, long offset, int limit) {
        return this.jdbc
                .sql(
                        """
                select d.*, n.certificate_id, n.zone_id, n.threshold_days, n.element, n.expires_on
                from webhook_deliveries d join expiry_notifications n on n.id = d.notification_id
                where d.webhook_id = :webhook order by d.created_at desc, d.id limit :limit offset :offset""")
                .param("webhook", webhook.value())
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> map(rs))
                .list();
    }

    long count(WebhookId webhook) {
        return this.jdbc
                .sql("select count(*) from webhook_deliveries where webhook_id = :webhook")
                .param("webhook", webhook.value())
                .query(Long.class)
                .single();
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        int code = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : code;
        return new Delivery(
                rs.getString("id").strip(),
                new WebhookId(rs.getString("webhook_id").strip()),
                rs.getString("notification_id").strip(),
                rs.getString("certificate_id").strip(),
                rs.getString("zone_id").strip(),
                rs.getInt("threshold_days"),
                rs.getString("element"),
                instant(rs, "expires_on"),
                DeliveryStatus.of(rs.getString("status")),
                rs.getInt("attempts"),
                lastStatus,
                rs.getString("last_error"),
                instant(rs, "next_attempt_at"),
                instant(rs, "created_at"),
                instant(rs, "delivered_at"));
    }
}
