package dev.keyhold.expiry;

import dev.keyhold.tenancy.AccountId;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores webhooks; every query but the sender's is scoped to an account. The secret leaves only through {@link #target}. */
@Repository
class WebhookRepository {

    private static final String COLUMNS = "id, account_id, name, url, created_at, last_success, last_failure";

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where and how to send: the URL and the signing secret. */
    record Target(WebhookId id, URI url, String secret) {}

    void insert(Webhook webhook, String secret) {
        this.jdbc
                .sql("insert into webhooks (id, account_id, name, url, secret, created_at)"
                        + " values (:id, :account, :name, :url, :secret, :created)")
                .param("id", webhook.id().value())
                .param("account", webhook.accountId().value())
                .param("name", webhook.name())
                .param("url", webhook.url().toString())
                .param("secret", secret)
                .param("created", utc(webhook.createdAt()))
                .update();
    }

    /** Changes name and URL, and the secret unless it is null; false when the account has no such webhook. */
    boolean update(AccountId account, WebhookId id, String name, URI url, String secret) {
        JdbcClient.StatementSpec update = this.jdbc
                .sql("update webhooks set name = :name, url = :url" + (secret == null ? "" : ", secret = :secret")
                        + " where id = :id and account_id = :account")
                .param("id", id.value())
                .param("account", account.value())
                .param("name", name)
                .param("url", url.toString());
        if (secret != null) {
            update = update.param("secret", secret);
        }
        return update.update() > 0;
    }

    boolean delete(AccountId account, WebhookId id) {
        return this.jdbc
                        .sql("delete from webhooks where id = :id and account_id = :account")
                        .param("id", id.value())
                        .param("account", account.value())
                        .update()
                > 0;
    }

    Optional<Webhook> find(AccountId account, WebhookId id) {
        return this.jdbc
                .sql("select " + COLUMNS + " from webhooks where id = :id and account_id = :account")
                .param("id", id.value())
                .param("account", account.value())
                .query((rs, n) -> map(rs))
                .optional();
    }

    List<Webhook> list(AccountId account) {
        return this.jdbc
                .sql("select " + COLUMNS + " from webhooks where account_id = :account order by created_at, id")
                .param("account", account.value())
                .query((rs, n) -> map(rs))
                .list();
    }

    /** The webhook's URL and secret, for the sender only; empty once it was deleted. */
    Optional<Target> target(WebhookId id) {
        return this.jdbc
                .sql("select id, url, secret from webhooks where id = :id")
                .param("id", id.value())
                .query((rs, n) -> new Target(
                        new WebhookId(rs.getString("id").strip()),
                        URI.create(rs.getString("url")),
                        rs.getString("secret")))
                .optional();
    }

    void recordOutcome(WebhookId id, boolean success, Instant at) {
        this.jdbc
                .sql("update webhooks set " + (success ? "last_success" : "last_failure") + " = :at where id = :id")
                .param("id", id.value())
                .param("at", utc(at))
                .update();
    }

    private static Webhook map(ResultSet rs) throws SQLException {
        return new Webhook(
                new WebhookId(rs.getString("id").strip()),
                new AccountId(rs.getString("account_id")),
                rs.getString("name"),
                URI.create(rs.getString("url")),
                instant(rs, "created_at"),
                instant(rs, "last_success"),
                instant(rs, "last_failure"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
