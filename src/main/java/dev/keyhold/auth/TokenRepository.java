package dev.keyhold.auth;

import dev.keyhold.tenancy.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores API tokens: their policies as JSON text and only the SHA-256 of their secret value. */
@Repository
class TokenRepository {

    private static final String COLUMNS =
            "id, account_id, name, policies, status, not_before, expires_on, issued_on, " + "modified_on";

    private final JdbcClient jdbc;

    private final PolicyJson policyJson;

    TokenRepository(JdbcClient jdbc, PolicyJson policyJson) {
        this.jdbc = jdbc;
        this.policyJson = policyJson;
    }

    void insert(Token t, String secretHash) {
        this.jdbc
                .sql(
                        """
                insert into api_tokens (id, account_id, name, secret_hash, policies, status, not_before, expires_on,
                    issued_on, modified_on)
                values (:id, :account, :name, :hash, :policies, :status, :notBefore, :expiresOn, :issuedOn, :modifiedOn)""")
                .param("id", t.id().value())
                .param("account", t.accountId().value())
                .param("name", t.name())
                .param("hash", secretHash)
                .param("policies", this.policyJson.write(t.policies()))
                .param("status", t.status().wire())
                .param("notBefore", time(t.notBefore().orElse(null)), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("expiresOn", time(t.expiresOn().orElse(null)), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("issuedOn", time(t.issuedOn()))
                .param("modifiedOn", time(t.modifiedOn()))
                .update();
    }

    void update(Token t) {
        this.jdbc
                .sql(
                        """
                update api_tokens set name = :name, policies = :policies, status = :status, not_before = :notBefore,
                    expires_on = :expiresOn, modified_on = :modifiedOn
                where id = :id and account_id = :account""")
                .param("id", t.id().value())
                .param("account", t.accountId().value())
                .param("name", t.name())
                .param("policies", this.policyJson.write(t.policies()))
                .param("status", t.status().wire())
                .param("notBefore", time(t.notBefore().orElse(null)), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("expiresOn", time(t.expiresOn().orElse(null)), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("modifiedOn", time(t.modifiedOn()))
                .update();
    }

    boolean delete(AccountId account, TokenId id) {
        return this.jdbc
                        .sql("delete from api_tokens where id = :id and account_id = :account")
                        .param("id", id.value())
                        .param("account", account.value())
                        .update()
                > 0;
    }

    /** The token as stored: its status is what was set by request, never {@code expired}. */
    Optional<Token> find(AccountId account, TokenId id) {
        return this.jdbc
                .sql("select " + COLUMNS + " from api_tokens where id = :id and account_id = :account")
                .param("id", id.value())
                .param("account", account.value())
                .query(this::map)
                .optional();
    }

    Optional<Token> find(TokenId id) {
        return this.jdbc
                .sql("select " + COLUMNS + " from api_tokens where id = :id")
                .param("id", id.value())
                .query(this::map)
                .optional();
    }

    Optional<Token> findBySecretHash(String secretHash) {
        return this.jdbc
                .sql("select " + COLUMNS + " from api_tokens where secret_hash = :hash")
                .param("hash", secretHash)
                .query(this::map)
                .optional();
    }

    List<Token> list(AccountId account, long offset, int limit) {
        return this.jdbc
                .sql("select " + COLUMNS + " from api_tokens where account_id = :account "
                        + "order by issued_on, id limit :limit offset :offset")
                .param("account", account.value())
                .param("limit", limit)
                .param("offset", offset)
                .query(this::map)
                .list();
    }

    long count(AccountId account) {
        return this.jdbc
                .sql("select count(*) from api_tokens where account_id = :account")
                .param("account", account.value())
                .query(Long.class)
                .single();
    }

    private Token map(ResultSet rs, int row) throws SQLException {
        return new Token(
                new TokenId(rs.getString("id")),
                new AccountId(rs.getString("account_id")),
                rs.getString("name"),
                TokenStatus.fromWire(rs.getString("status")).orElseThrow(),
                this.policyJson.read(rs.getString("policies")),
                Optional.ofNullable(instant(rs, "not_before")),
                Optional.ofNullable(instant(rs, "expires_on")),
                instant(rs, "issued_on"),
                instant(rs, "modified_on"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
