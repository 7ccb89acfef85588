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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores custom CSRs; a zone-level CSR has a zone id, an account-level one has none. */
@Repository
class CsrRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    List<CustomCsr> list(CsrScope scope, CsrOrder order, long offset, int limit) {
        String direction = order.descending() ? " desc" : " asc";
        String orderBy =
                switch (order.field()) {
                    case NAME -> "name" + direction + ", created_at" + direction + ", id" + direction;
                    case ACCOUNT_TAG -> "account_id" + direction + ", created_at" + direction + ", id" + direction;
                    case CREATED_AT -> "created_at" + direction + ", id" + direction;
                };
        return this.jdbc
                .sql("select * from custom_csrs where " + scopeClause(scope) + " order by " + orderBy
                        + " limit :limit offset :offset")
                .params(scopeParams(scope))
                .param("limit", limit)
                .param("offset", offset)
                .query(CsrRepository::map)
                .list();
    }

    long count(CsrScope scope) {
        return this.jdbc
                .sql("select count(*) from custom_csrs where " + scopeClause(scope))
                .params(scopeParams(scope))
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

    void delete(CsrId id) {
        this.jdbc
                .sql("delete from custom_csrs where id = :id")
                .param("id", id.value())
                .update();
    }

    private static String scopeClause(CsrScope scope) {
        return scope.isZone() ? "zone_id = :zone" : "account_id = :account and zone_id is null";
    }

    private static Map<String, Object> scopeParams(CsrScope scope) {
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
