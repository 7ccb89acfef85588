package dev.keyhold.certificates;

import dev.keyhold.csr.CsrId;
import dev.keyhold.keys.KeyId;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores custom certificates; every query is scoped to a zone (or, for known intermediates, an account). */
@Repository
class CertificateRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // NOTE: the status is computed in SQL and in Java the same way: active while now is before expires_on
    private static final String ORDER = " order by priority, uploaded_on, id";

    private final JdbcClient jdbc;

    CertificateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A row to write: the facts of a validated leaf and where it is stored. */
    record Row(
            CertificateId id,
            ZoneId zone,
            CsrId csr,
            KeyId key,
            CertificateType type,
            int priority,
            ValidatedCertificate facts,
            String geoRestriction,
            String policy,
            Instant uploadedOn,
            Instant modifiedOn) {}

    void insert(Row r) {
        this.jdbc
                .sql(
                        """
                insert into custom_certificates (id, zone_id, custom_csr_id, key_id, type, bundle_method, priority,
                    hosts, issuer, serial_number, signature, key_type, fingerprint, not_before, expires_on, leaf_pem,
                    served_chain_pem, geo_restrictions, policy, uploaded_on, modified_on)
                values (:id, :zone, :csr, :key, :type, :method, :priority, :hosts, :issuer, :serial, :signature,
                    :keyType, :fingerprint, :notBefore, :expiresOn, :leaf, :served, :geo, :policy, :uploadedOn,
                    :modifiedOn)""")
                .params(params(r))
                .update();
    }

    /** The named parameters of a row, for insert and replace alike. */
    private static Map<String, Object> params(Row r) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", r.id().value());
        p.put("zone", r.zone().value());
        p.put("csr", r.csr() == null ? null : r.csr().value());
        p.put("key", r.key().value());
        p.put("type", r.type().apiName());
        p.put("method", r.facts().bundleMethod().apiName());
        p.put("priority", r.priority());
        p.put("hosts", JSON.writeValueAsString(r.facts().hosts()));
        p.put("issuer", r.facts().issuer());
        p.put("serial", r.facts().serialNumberHex());
        p.put("signature", r.facts().signature());
        p.put("keyType", r.facts().keyType());
        p.put("fingerprint", r.facts().fingerprint());
        p.put("notBefore", utc(r.facts().notBefore()));
        p.put("expiresOn", utc(r.facts().expiresOn()));
        p.put("leaf", r.facts().leafPem());
        p.put("served", r.facts().servedChainPem());
        p.put("geo", r.geoRestriction());
        p.put("policy", r.policy());
        p.put("uploadedOn", utc(r.uploadedOn()));
        p.put("modifiedOn", utc(r.modifiedOn()));
        return p;
    }

    /** Replaces the certificate and key of a row in place (a legacy_custom renewal keeps its id). */
    void replace(Row r) {
        this.jdbc
                .sql(
                        """
                update custom_certificates set custom_csr_id = :csr, key_id = :key, bundle_method = :method,
                    hosts = :hosts, issuer = :issuer, serial_number = :serial, signature = :signature,
                    key_type = :keyType, fingerprint = :fingerprint, not_before = :notBefore, expires_on = :expiresOn,
                    leaf_pem = :leaf, served_chain_pem = :served, geo_restrictions = :geo, policy = :policy,
                    modified_on = :modifiedOn
                where id = :id and zone_id = :zone""")
                .params(params(r))
                .update();
    }

    void updateRestrictions(CertificateId id, String geoRestriction, String policy, Instant modifiedOn) {
        this.jdbc
                .sql("update custom_certificates set geo_restrictions = :geo, policy = :policy, modified_on = :m"
                        + " where id = :id")
                .param("id", id.value())
                .param("geo", geoRestriction)
                .param("policy", policy)
                .param("m", utc(modifiedOn))
                .update();
    }

    void updatePriority(CertificateId id, int priority, Instant modifiedOn) {
        this.jdbc
                .sql("update custom_certificates set priority = :p, modified_on = :m where id = :id")
                .param("id", id.value())
                .param("p", priority)
                .param("m", utc(modifiedOn))
                .update();
    }

    Optional<CustomCertificate> find(ZoneId zone, CertificateId id, Instant now, boolean forUpdate) {
        return this.jdbc
                .sql("select * from custom_certificates where id = :id and zone_id = :zone"
                        + (forUpdate ? " for update" : ""))
                .param("id", id.value())
                .param("zone", zone.value())
                .query(mapper(now))
                .optional();
    }

    /** The chain stored to be served with the certificate, leaf first. */
    String servedChain(CertificateId id) {
        return this.jdbc
                .sql("select served_chain_pem from custom_certificates where id = :id")
                .param("id", id.value())
                .query(String.class)
                .single();
    }

    /** Whether another certificate of the zone has this leaf fingerprint. */
    boolean fingerprintTaken(ZoneId zone, String fingerprint, CertificateId except) {
        return this.jdbc
                        .sql("select count(*) from custom_certificates where zone_id = :zone and fingerprint = :f"
                                + " and id <> :except")
                        .param("zone", zone.value())
                        .param("f", fingerprint)
                        .param("except", except == null ? "" : except.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<CustomCertificate> list(ZoneId zone, Optional<CertificateStatus> status, Instant now, long offset, int limit) {
        return this.jdbc
                .sql("select * from custom_certificates where zone_id = :zone" + statusClause(status) + ORDER
                        + " limit :limit offset :offset")
                .param("zone", zone.value())
                .param("now", utc(now))
                .param("limit", limit)
                .param("offset", offset)
                .query(mapper(now))
                .list();
    }

    long count(ZoneId zone, Optional<CertificateStatus> status, Instant now) {
        return this.jdbc
                .sql("select count(*) from custom_certificates where zone_id = :zone" + statusClause(status))
                .param("zone", zone.value())
                .param("now", utc(now))
                .query(Long.class)
                .single();
    }

    /** Every certificate of the zone, locked: for zone deletion and re-prioritizing. */
    List<CustomCertificate> listAllOfZone(ZoneId zone, Instant now) {
        return this.jdbc
                .sql("select * from custom_certificates where zone_id = :zone" + ORDER + " for update")
                .param("zone", zone.value())
                .query(mapper(now))
                .list();
    }

    /** The intermediates the account's uploads have brought (PEM, oldest first): where known intermediates come from. */
    List<String> knownIntermediates(AccountId account) {
        return this.jdbc
                .sql("select pem from known_intermediates where account_id = :account order by added_on, fingerprint")
                .param("account", account.value())
                .query(String.class)
                .list();
    }

    /** Remembers the intermediates of a served chain for the account; those it already knows are left alone. */
    void rememberIntermediates(AccountId account, List<X509Certificate> intermediates, Instant now) {
        for (X509Certificate intermediate : intermediates) {
            this.jdbc
                    .sql(
                            """
                    insert into known_intermediates (account_id, fingerprint, pem, added_on)
                    values (:account, :fingerprint, :pem, :now) on conflict do nothing""")
                    .param("account", account.value())
                    .param("fingerprint", HexFormat.of().formatHex(Der.sha256(Der.encoded(intermediate))))
                    .param("pem", Der.pem(List.of(intermediate)))
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
        }
    }

    /** The ids of the certificates that use the CSR's key. */
    List<CertificateId> usingCsr(CsrId csr) {
        return this.jdbc
                .sql("select id from custom_certificates where custom_csr_id = :csr order by id")
                .param("csr", csr.value())
                .query((rs, row) -> new CertificateId(rs.getString("id")))
                .list();
    }

    void delete(CertificateId id) {
        this.jdbc
                .sql("delete from custom_certificates where id = :id")
                .param("id", id.value())
                .update();
    }

    private static String statusClause(Optional<CertificateStatus> status) {
        return status.map(s -> switch (s) {
                    case ACTIVE -> " and expires_on > :now";
                    case EXPIRED -> " and expires_on <= :now";
                    case DELETED, PENDING, INITIALIZING -> " and 1 = 0";
                })
                .orElse("");
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static RowMapper<CustomCertificate> mapper(Instant now) {
        return (rs, row) -> map(rs, now);
    }

    private static CustomCertificate map(ResultSet rs, Instant now) throws SQLException {
        String csr = rs.getString("custom_csr_id");
        Instant expiresOn = instant(rs, "expires_on");
        return new CustomCertificate(
                new CertificateId(rs.getString("id")),
                new ZoneId(rs.getString("zone_id")),
                Optional.ofNullable(csr).map(CsrId::new),
                new KeyId(rs.getString("key_id")),
                CertificateType.fromApiName(rs.getString("type")).orElseThrow(),
                BundleMethod.fromApiName(rs.getString("bundle_method")).orElseThrow(),
                rs.getInt("priority"),
                JSON.readValue(rs.getString("hosts"), STRINGS),
                rs.getString("issuer"),
                rs.getString("serial_number"),
                rs.getString("signature"),
                rs.getString("key_type"),
                instant(rs, "not_before"),
                expiresOn,
                rs.getString("geo_restrictions"),
                rs.getString("policy"),
                instant(rs, "uploaded_on"),
                instant(rs, "modified_on"),
                now.isBefore(expiresOn) ? CertificateStatus.ACTIVE : CertificateStatus.EXPIRED);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
