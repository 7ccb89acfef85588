package dev.keyhold.hostnames;

import dev.keyhold.certificates.BundleMethod;
import dev.keyhold.csr.CsrId;
import dev.keyhold.keys.KeyId;
import dev.keyhold.tenancy.ZoneId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores custom hostnames, one row each with their SSL side and certificate. */
@Repository
class HostnameRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // NOTE: the one definition of ssl.status in SQL, so filters and order agree with HostnameSsl.status
    private static final String SSL_STATUS = "(case when ssl_id is null then '' when expires_on is null then '"
            + HostnameSsl.PENDING_VALIDATION + "' when expires_on < :now then '" + HostnameSsl.EXPIRED + "' else '"
            + HostnameSsl.ACTIVE + "' end)";

    private final JdbcClient jdbc;

    HostnameRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(CustomHostname h) {
        this.jdbc
                .sql(
                        """
                insert into custom_hostnames (id, zone_id, hostname, verification_token, custom_metadata,
                    custom_origin_server, custom_origin_sni, created_at, ssl_id, ssl_method, ssl_type,
                    ssl_bundle_method, ssl_wildcard, ssl_settings, custom_csr_id, key_id, issuer, serial_number,
                    signature, hosts, not_before, expires_on, leaf_pem, chain_pem, fingerprint, uploaded_on)
                values (:id, :zone, :hostname, :token, :metadata, :originServer, :originSni, :createdAt, :sslId,
                    :method, :type, :bundleMethod, :wildcard, :settings, :csr, :key, :issuer, :serial, :signature,
                    :hosts, :notBefore, :expiresOn, :leaf, :chain, :fingerprint, :uploadedOn)""")
                .params(params(h))
                .update();
    }

    void update(CustomHostname h) {
        this.jdbc
                .sql(
                        """
                update custom_hostnames set custom_metadata = :metadata, custom_origin_server = :originServer,
                    custom_origin_sni = :originSni, ssl_id = :sslId, ssl_method = :method, ssl_type = :type,
                    ssl_bundle_method = :bundleMethod, ssl_wildcard = :wildcard, ssl_settings = :settings,
                    custom_csr_id = :csr, key_id = :key, issuer = :issuer, serial_number = :serial,
                    signature = :signature, hosts = :hosts, not_before = :notBefore, expires_on = :expiresOn,
                    leaf_pem = :leaf, chain_pem = :chain, fingerprint = :fingerprint, uploaded_on = :uploadedOn
                where id = :id""")
                .params(params(h))
                .update();
    }

    boolean existsHostname(String hostname) {
        return this.jdbc
                        .sql("select count(*) from custom_hostnames where hostname = :hostname")
                        .param("hostname", hostname)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<CustomHostname> find(ZoneId zone, HostnameId id, boolean forUpdate) {
        return this.jdbc
                .sql("select * from custom_hostnames where id = :id and zone_id = :zone"
                        + (forUpdate ? " for update" : ""))
                .param("id", id.value())
                .param("zone", zone.value())
                .query(HostnameRepository::map)
                .optional();
    }

    List<CustomHostname> list(ZoneId zone, HostnameQuery query, Instant now, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(zone, query, now, params);
        String direction = query.descending() ? " desc" : " asc";
        String orderBy =
                switch (query.order()) {
                    case CREATED -> "created_at" + direction + ", id" + direction;
                    case SSL -> "(case when ssl_id is null then 1 else 0 end)" + direction + ", created_at asc, id asc";
                    case SSL_STATUS -> SSL_STATUS + direction + ", created_at asc, id asc";
                };
        params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        params.put("limit", limit);
        params.put("offset", offset);
        return this.jdbc
                .sql("select * from custom_hostnames where " + where + " order by " + orderBy
                        + " limit :limit offset :offset")
                .params(params)
                .query(HostnameRepository::map)
                .list();
    }

    long count(ZoneId zone, HostnameQuery query, Instant now) {
        Map<String, Object> params = new HashMap<>();
        String where = where(zone, query, now, params);
        return this.jdbc
                .sql("select count(*) from custom_hostnames where " + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    List<CustomHostname> listAllOfZone(ZoneId zone) {
        return this.jdbc
                .sql("select * from custom_hostnames where zone_id = :zone for update")
                .param("zone", zone.value())
                .query(HostnameRepository::map)
                .list();
    }

    /** The hostnames whose certificate carries the CSR's key, as {@code id (hostname)}. */
    List<String> usersOf(CsrId csr) {
        return this.jdbc
                .sql("select id, hostname from custom_hostnames where custom_csr_id = :csr order by created_at, id")
                .param("csr", csr.value())
                .query((rs, row) -> rs.getString("id") + " (" + rs.getString("hostname") + ")")
                .list();
    }

    void delete(HostnameId id) {
        this.jdbc
                .sql("delete from custom_hostnames where id = :id")
                .param("id", id.value())
                .update();
    }

    private static String where(ZoneId zone, HostnameQuery query, Instant now, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        clauses.add("zone_id = :zone");
        params.put("zone", zone.value());
        query.id().ifPresent(id -> {
            clauses.add("id = :id");
            params.put("id", id.value());
        });
        if (query.hostname() != null) {
            switch (query.match()) {
                case EXACT -> {
                    clauses.add("hostname = :hostname");
                    params.put("hostname", query.hostname());
                }
                case CONTAINS -> {
                    clauses.add("hostname like :hostname escape '\\'");
                    params.put("hostname", "%" + likeLiteral(query.hostname()) + "%");
                }
                case STARTS_WITH -> {
                    clauses.add("hostname like :hostname escape '\\'");
                    params.put("hostname", likeLiteral(query.hostname()) + "%");
                }
            }
        }
        query.hasSsl().ifPresent(has -> clauses.add(has ? "ssl_id is not null" : "ssl_id is null"));
        query.sslStatus().ifPresent(status -> {
            clauses.add(SSL_STATUS + " = :sslStatus");
            params.put("sslStatus", status);
            params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        });
        query.hostnameStatus().ifPresent(status -> {
            if (!CustomHostname.STATUS.equals(status)) {
                clauses.add("1 = 0");
            }
        });
        return String.join(" and ", clauses);
    }

    /** The text with LIKE's wildcards and the escape character itself escaped, so they match literally. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Map<String, Object> params(CustomHostname h) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", h.id().value());
        p.put("zone", h.zone().value());
        p.put("hostname", h.hostname());
        p.put("token", h.verificationToken());
        p.put("metadata", h.customMetadata() == null ? null : JSON.writeValueAsString(h.customMetadata()));
        p.put("originServer", h.customOriginServer());
        p.put("originSni", h.customOriginSni());
        p.put("createdAt", time(h.createdAt()));
        HostnameSsl s = h.ssl();
        HostnameCertificate c = s == null ? null : s.certificate();
        p.put("sslId", s == null ? null : s.id().value());
        p.put("method", s == null ? null : s.method());
        p.put("type", s == null ? null : s.type());
        p.put("bundleMethod", s == null ? null : s.bundleMethod().apiName());
        p.put("wildcard", s == null ? null : s.wildcard());
        p.put("settings", s == null ? null : JSON.writeValueAsString(s.settings()));
        p.put(
                "csr",
                s == null || s.customCsrId() == null ? null : s.customCsrId().value());
        p.put("key", s == null || s.keyId() == null ? null : s.keyId().value());
        p.put("issuer", c == null ? null : c.issuer());
        p.put("serial", c == null ? null : c.serialNumber());
        p.put("signature", c == null ? null : c.signature());
        p.put("hosts", c == null ? null : JSON.writeValueAsString(c.hosts()));
        p.put("notBefore", c == null ? null : time(c.notBefore()));
        p.put("expiresOn", c == null ? null : time(c.expiresOn()));
        p.put("leaf", c == null ? null : c.leafPem());
        p.put("chain", c == null ? null : c.chainPem());
        p.put("fingerprint", c == null ? null : c.fingerprint());
        p.put("uploadedOn", s == null || s.uploadedOn() == null ? null : time(s.uploadedOn()));
        return p;
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static CustomHostname map(ResultSet rs, int row) throws SQLException {
        HostnameSsl ssl = null;
        String sslId = rs.getString("ssl_id");
        if (sslId != null) {
            HostnameCertificate certificate = null;
            if (rs.getString("leaf_pem") != null) {
                certificate = new HostnameCertificate(
                        rs.getString("issuer"),
                        rs.getString("serial_number"),
                        rs.getString("signature"),
                        JSON.readValue(rs.getString("hosts"), STRINGS),
                        instant(rs, "not_before"),
                        instant(rs, "expires_on"),
                        rs.getString("leaf_pem"),
                        rs.getString("chain_pem"),
                        rs.getString("fingerprint"));
            }
            String csr = rs.getString("custom_csr_id");
            String key = rs.getString("key_id");
            ssl = new HostnameSsl(
                    new HostnameId(sslId),
                    rs.getString("ssl_method"),
                    rs.getString("ssl_type"),
                    BundleMethod.fromApiName(rs.getString("ssl_bundle_method")).orElseThrow(),
                    rs.getBoolean("ssl_wildcard"),
                    JSON.readValue(rs.getString("ssl_settings"), OBJECT_MAP),
                    csr == null ? null : new CsrId(csr),
                    key == null ? null : new KeyId(key),
                    certificate,
                    instant(rs, "uploaded_on"));
        }
        String metadata = rs.getString("custom_metadata");
        return new CustomHostname(
                new HostnameId(rs.getString("id")),
                new ZoneId(rs.getString("zone_id")),
                rs.getString("hostname"),
                rs.getString("verification_token"),
                metadata == null ? null : JSON.readValue(metadata, STRING_MAP),
                rs.getString("custom_origin_server"),
                rs.getString("custom_origin_sni"),
                instant(rs, "created_at"),
                ssl);
    }
}
