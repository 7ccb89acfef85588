package dev.keyhold.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Appends events to {@code audit_events} and reads them back. It has no update and no delete: the table is
 * append-only, and a database trigger refuses both (V13).
 */
@Repository
class AuditEventRepository {

    private static final String COLUMNS = "id, account_id, occurred_at, actor_type, actor_id, actor_email, actor_ip,"
            + " action, resource_type, resource_id, result, reason, detail";

    private final JdbcClient jdbc;

    AuditEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AuditEvent e) {
        this.jdbc
                .sql("insert into audit_events (" + COLUMNS + ") values (:id, :account, :at, :actorType, :actorId,"
                        + " :actorEmail, :actorIp, :action, :resourceType, :resourceId, :result, :reason, :detail)")
                .param("id", e.id())
                .param("account", e.account())
                .param("at", OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC))
                .param("actorType", e.actor().type().wireName())
                .param("actorId", clip(e.actor().id(), 320))
                .param("actorEmail", clip(e.actor().email(), 320))
                .param("actorIp", clip(e.clientIp(), 64))
                .param("action", e.action().wireName())
                .param("resourceType", e.resource().type())
                .param("resourceId", clip(e.resource().id(), 320))
                .param("result", e.success() ? "success" : "failure")
                .param("reason", clip(e.reason(), 64))
                .param("detail", clip(e.detail(), 500))
                .update();
    }

    List<AuditEvent> find(AuditQuery query, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String order = query.ascending() ? "occurred_at, seq" : "occurred_at desc, seq desc";
        params.put("limit", limit);
        params.put("offset", offset);
        return this.jdbc
                .sql("select " + COLUMNS + " from audit_events" + where(query, params) + " order by " + order
                        + " limit :limit offset :offset")
                .params(params)
                .query(AuditEventRepository::map)
                .list();
    }

    long count(AuditQuery query) {
        Map<String, Object> params = new LinkedHashMap<>();
        return this.jdbc
                .sql("select count(*) from audit_events" + where(query, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(AuditQuery query, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        query.account().ifPresent(a -> {
            conditions.add("account_id = :account");
            params.put("account", a);
        });
        query.since().ifPresent(t -> {
            conditions.add("occurred_at >= :since");
            params.put("since", OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        });
        query.before().ifPresent(t -> {
            conditions.add("occurred_at < :before");
            params.put("before", OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        });
        query.actorEmail().ifPresent(e -> {
            conditions.add("actor_email = :email");
            params.put("email", e.strip().toLowerCase(Locale.ROOT));
        });
        query.actorIp().ifPresent(ip -> {
            conditions.add("actor_ip = :ip");
            params.put("ip", ip.strip());
        });
        query.action().ifPresent(a -> {
            conditions.add("action = :action");
            params.put("action", a.wireName());
        });
        query.resourceType().ifPresent(r -> {
            conditions.add("resource_type = :resourceType");
            params.put("resourceType", r);
        });
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(
                rs.getString("id"),
                rs.getString("account_id"),
                new Actor(
                        Actor.Type.ofWireName(rs.getString("actor_type")),
                        rs.getString("actor_id"),
                        rs.getString("actor_email")),
                rs.getString("actor_ip"),
                Action.fromColumn(rs.getString("action")),
                new Resource(rs.getString("resource_type"), rs.getString("resource_id")),
                "success".equals(rs.getString("result")),
                rs.getString("reason"),
                rs.getString("detail"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant());
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
