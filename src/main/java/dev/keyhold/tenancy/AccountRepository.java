package dev.keyhold.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores accounts. */
@Repository
class AccountRepository {

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Account a) {
        this.jdbc
                .sql(
                        """
                insert into accounts (id, name, custom_csrs, account_custom_csrs, created_on)
                values (:id, :name, :csrs, :accountCsrs, :createdOn)""")
                .param("id", a.id().value())
                .param("name", a.name())
                .param("csrs", a.entitlements().customCsrs())
                .param("accountCsrs", a.entitlements().accountCustomCsrs())
                .param("createdOn", OffsetDateTime.ofInstant(a.createdOn(), ZoneOffset.UTC))
                .update();
    }

    void update(Account a) {
        this.jdbc
                .sql(
                        "update accounts set name = :name, custom_csrs = :csrs, account_custom_csrs = :accountCsrs where id = :id")
                .param("id", a.id().value())
                .param("name", a.name())
                .param("csrs", a.entitlements().customCsrs())
                .param("accountCsrs", a.entitlements().accountCustomCsrs())
                .update();
    }

    Optional<Account> find(AccountId id) {
        return this.jdbc
                .sql("select * from accounts where id = :id")
                .param("id", id.value())
                .query(AccountRepository::map)
                .optional();
    }

    List<Account> list(Optional<Set<AccountId>> only, long offset, int limit) {
        if (only.isPresent() && only.get().isEmpty()) {
            return List.of();
        }
        String where = only.map(ids -> "where id in (:ids) ").orElse("");
        var spec = this.jdbc
                .sql("select * from accounts " + where + "order by created_on, id limit :limit offset :offset")
                .param("limit", limit)
                .param("offset", offset);
        if (only.isPresent()) {
            spec = spec.param("ids", only.get().stream().map(AccountId::value).toList());
        }
        return spec.query(AccountRepository::map).list();
    }

    long count(Optional<Set<AccountId>> only) {
        if (only.isPresent() && only.get().isEmpty()) {
            return 0;
        }
        var spec = this.jdbc.sql("select count(*) from accounts"
                + only.map(ids -> " where id in (:ids)").orElse(""));
        if (only.isPresent()) {
            spec = spec.param("ids", only.get().stream().map(AccountId::value).toList());
        }
        return spec.query(Long.class).single();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(
                new AccountId(rs.getString("id")),
                rs.getString("name"),
                new Entitlements(rs.getBoolean("custom_csrs"), rs.getBoolean("account_custom_csrs")),
                rs.getObject("created_on", OffsetDateTime.class).toInstant());
    }
}
