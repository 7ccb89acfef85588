package dev.keyhold.csr;

import dev.keyhold.keys.KeyId;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores custom CSRs; a zone-level CSR has a zone id, an account-level one has none. */
@Repository
class CsrRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Counter rows per scope that creations and deletions spread over. */
    private static final int COUNT_SLOTS = 16;

    private final JdbcClient jdbc;

    CsrRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CustomCsr c) {
        this.jdbc
                .sql(
                        """
                insert into custom_csrs (id, account_id, zone_id, key_id, name, description, country, state, locality,
                    organization, organizational_unit, common_name, sans, key_type, csr, created_at)
                values (:id, :account, :zone, :key, :name, :description, :country, :state, :locality,
                    :organization, :unit, :commonName, :sans, :keyType, :csr, :createdAt)""")
                .param("id", c.id().value())
                .param("account", c.scope().account().value())
                .param("zone", c.scope().zone().map(ZoneId::value).orElse(null))
                .param("key", c.keyId().value())
                .param("name", c.name())
                .param("description", c.description())
                .param("country", c.country())
                .param("state", c.state())
                .param("locality", c.locality())
                .param("organization", c.organization())
                .param("unit", c.organizationalUnit())
                .param("commonName", c.commonName())
                .param("sans", JSON.writeValueAsString(c.sans()))
                .param("keyType", c.keyType())
                .param("csr", c.pem())
                .param("createdAt", OffsetDateTime.ofInstant(c.createdAt(), ZoneOffset.UTC))
                .update();
        addToCount(c.scope(), 1);
    }

    Optional<CustomCsr> find(CsrScope scope, CsrId id, boolean forUpdate) {
        return this.jdbc
                .sql("select * from custom_csrs where id = :id and " + scopeClause(scope)
                        + (forUpdate ? " for update" : ""))
                .param("id", id.value())
                .params(scopeParams(scope))
                .query(CsrRepository::map)
                .optional();
    }

    /**
     * A zone CSR of the zone or an account CSR of its account, locked until the transaction ends ({@code for update}:
     * H2 has no {@code for share}; uploads for one CSR are rare enough to serialize).
     */
    Optional<CustomCsr> findUsableIn(AccountId account, ZoneId zone, CsrId id) {
        return this.jdbc
                .sql(
                        """
                select * from custom_csrs
                where id = :id and account_id = :account and (zone_id = :zone or zone_id is null)
                for update""")
                .param("id", id.value())
                .param("account", account.value())
                .param("zone", zone.value())
                .query(CsrRepository::map)
                .optional();
    }

    /**
     * One page in the given order. The page's ids come from an index-only range scan (every order has its index, see
     * V8), and only those rows are read; the offset still walks the index, so deep pages cost in proportion to their
     * depth, without touching the table.
     */
    List<CustomCsr> list(CsrScope scope, CsrOrder order, long offset, int limit) {
        return this.jdbc
                .sql(listSql(scope, order))
                .params(scopeParams(scope))
                .param("limit", limit)
                .param("offset", offset)
                .query(CsrRepository::map)
                .list();
    }

    /** The query of {@link #list}, with the parameters {@code :zone} or {@code :account}, {@code :limit}, {@code :offset}. */
    static String listSql(CsrScope scope, CsrOrder order) {
        return "select c.* from (" + pageSql(scope, order) + ") page join custom_csrs c on c.id = page.id order by "
                + orderBy(order, "c.");
    }

    /** The ids of one page, from the index of the order alone (all its columns are in the index). */
    static String pageSql(CsrScope scope, CsrOrder order) {
        // NOTE: the scope's columns lead the order although they are constant in it: H2 reads an index in order only
        // when the order names the index's columns from the first
        String direction = order.descending() ? " desc, " : " asc, ";
        String scopeColumns = scope.isZone() ? "zone_id" + direction : "account_id" + direction + "zone_id" + direction;
        return "select id from custom_csrs where " + scopeClause(scope) + " order by " + scopeColumns
                + orderBy(order, "") + " limit :limit offset :offset";
    }

    /** The number of CSRs in the scope: the sum of its counter rows, never a count of the table (V8). */
    long count(CsrScope scope) {
        return this.jdbc
                .sql("select coalesce(sum(n), 0) from csr_counts where scope_id = :scope")
                .param("scope", scopeId(scope))
                .query(Long.class)
                .single();
    }

    List<CustomCsr> listAllOfZone(ZoneId zone) {
        return this.jdbc
                .sql("select * from custom_csrs where zone_id = :zone for update")
                .param("zone", zone.value())
                .query(CsrRepository::map)
                .list();
    }

    void delete(CustomCsr csr) {
        int deleted = this.jdbc
                .sql("delete from custom_csrs where id = :id")
                .param("id", csr.id().value())
                .update();
        addToCount(csr.scope(), -deleted);
    }

    /** Forgets the counters of a zone whose CSRs are all gone. */
    void deleteCountsOfZone(ZoneId zone) {
        this.jdbc
                .sql("delete from csr_counts where scope_id = :scope")
                .param("scope", zone.value())
                .update();
    }

    /**
     * Adds to one of the scope's counter rows, chosen at random so that concurrent writers in one scope seldom wait on
     * the same row lock; the row is created on first use.
     */
    private void addToCount(CsrScope scope, int delta) {
        if (delta == 0) {
            return;
        }
        String scopeId = scopeId(scope);
        int slot = ThreadLocalRandom.current().nextInt(COUNT_SLOTS);
        if (updateCount(scopeId, slot, delta) == 0) {
            // NOTE: a concurrent first use waits for the other insert, then does nothing (PostgreSQL and H2 alike)
            this.jdbc
                    .sql("insert into csr_counts (scope_id, slot, n) values (:scope, :slot, 0) on conflict do nothing")
                    .param("scope", scopeId)
                    .param("slot", slot)
                    .update();
            updateCount(scopeId, slot, delta);
        }
    }

    private int updateCount(String scopeId, int slot, int delta) {
        return this.jdbc
                .sql("update csr_counts set n = n + :delta where scope_id = :scope and slot = :slot")
                .param("delta", delta)
                .param("scope", scopeId)
                .param("slot", slot)
                .update();
    }

    private static String orderBy(CsrOrder order, String alias) {
        String direction = order.descending() ? " desc" : " asc";
        List<String> columns =
                switch (order.field()) {
                    case NAME -> List.of("name", "created_at", "id");
                    // NOTE: every CSR of a scope has the same account, so this is the creation order (and its index)
                    case ACCOUNT_TAG, CREATED_AT -> List.of("created_at", "id");
                };
        return columns.stream().map(c -> alias + c + direction).collect(Collectors.joining(", "));
    }

    private static String scopeId(CsrScope scope) {
        return scope.zone().map(ZoneId::value).orElseGet(() -> scope.account().value());
    }

    private static String scopeClause(CsrScope scope) {
        return scope.isZone() ? "zone_id = :zone" : "account_id = :account and zone_id is null";
    }

    static Map<String, Object> scopeParams(CsrScope scope) {
        return scope.zone()
                .<Map<String, Object>>map(z -> Map.of("zone", z.value()))
                .orElseGet(() -> Map.of("account", scope.account().value()));
    }

    private static CustomCsr map(ResultSet rs, int row) throws SQLException {
        AccountId account = new AccountId(rs.getString("account_id"));
        String zone = rs.getString("zone_id");
        CsrScope scope = zone == null ? CsrScope.account(account) : CsrScope.zone(account, new ZoneId(zone));
        return new CustomCsr(
                new CsrId(rs.getString("id")),
                scope,
                new KeyId(rs.getString("key_id")),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("country"),
                rs.getString("state"),
                rs.getString("locality"),
                rs.getString("organization"),
                rs.getString("organizational_unit"),
                rs.getString("common_name"),
                JSON.readValue(rs.getString("sans"), STRINGS),
                rs.getString("key_type"),
                rs.getString("csr"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
