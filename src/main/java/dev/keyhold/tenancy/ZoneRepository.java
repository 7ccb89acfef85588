package dev.keyhold.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores zones. */
@Repository
class ZoneRepository {

    private static final String SELECT =
            """
            select z.id, z.name, z.account_id, a.name as account_name, z.created_on
            from zones z join accounts a on a.id = z.account_id""";

    private final JdbcClient jdbc;

    ZoneRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Zone z) {
        this.jdbc
                .sql("insert into zones (id, account_id, name, created_on) values (:id, :account, :name, :createdOn)")
                .param("id", z.id().value())
                .param("account", z.accountId().value())
                .param("name", z.name())
                .param("createdOn", OffsetDateTime.ofInstant(z.createdOn(), ZoneOffset.UTC))
                .update();
    }

    Optional<Zone> find(ZoneId id) {
        return this.jdbc
                .sql(SELECT + " where z.id = :id")
                .param("id", id.value())
                .query(ZoneRepository::map)
                .optional();
    }

    Optional<Zone> findForUpdate(ZoneId id) {
        this.jdbc
                .sql("select id from zones where id = :id for update")
                .param("id", id.value())
                .query(String.class)
                .optional();
        return find(id);
    }

    void delete(ZoneId id) {
        this.jdbc
                .sql("delete from zones where id = :id")
                .param("id", id.value())
                .update();
    }

    List<Zone> list(ZoneQuery query, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        if (where == null) {
            return List.of();
        }
        params.put("limit", limit);
        params.put("offset", offset);
        return this.jdbc
                .sql(SELECT + where + " order by z.name, z.id limit :limit offset :offset")
                .params(params)
                .query(ZoneRepository::map)
                .list();
    }

    long count(ZoneQuery query) {
        Map<String, Object> params = new HashMap<>();
        String where = where(query, params);
        if (where == null) {
            return 0;
        }
        return this.jdbc
                .sql("select count(*) from zones z" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    /** The WHERE clause for the query, or null when it can match nothing. */
    private static String where(ZoneQuery query, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (query.visible().isPresent()) {
            ZoneQuery.Visibility v = query.visible().get();
            List<String> any = new ArrayList<>();
            if (!v.accounts().isEmpty()) {
                any.add("z.account_id in (:visibleAccounts)");
                params.put(
                        "visibleAccounts",
                        v.accounts().stream().map(AccountId::value).toList());
            }
            if (!v.zones().isEmpty()) {
                any.add("z.id in (:visibleZones)");
                params.put("visibleZones", v.zones().stream().map(ZoneId::value).toList());
            }
            if (any.isEmpty()) {
                return null;
            }
            clauses.add("(" + String.join(" or ", any) + ")");
        }
        query.name().ifPresent(n -> {
            clauses.add("z.name = :name");
            params.put("name", n);
        });
        query.account().ifPresent(a -> {
            clauses.add("z.account_id = :account");
            params.put("account", a.value());
        });
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private static Zone map(ResultSet rs, int row) throws SQLException {
        return new Zone(
                new ZoneId(rs.getString("id")),
                rs.getString("name"),
                new AccountId(rs.getString("account_id")),
                rs.getString("account_name"),
                rs.getObject("created_on", OffsetDateTime.class).toInstant());
    }
}
