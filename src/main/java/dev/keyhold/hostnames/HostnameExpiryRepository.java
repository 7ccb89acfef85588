package dev.keyhold.hostnames;

import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what expiry needs of every custom hostname that has an uploaded certificate: a small row per hostname, and
 * its served chain on demand.
 */
@Repository
class HostnameExpiryRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    HostnameExpiryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A hostname's certificate as stored. {@code version} changes whenever its served chain may have: a new upload
     * changes {@code uploaded_on}; re-posting the same leaf keeps it but may change the bundle method or the chain.
     */
    record Row(
            HostnameId id,
            ZoneId zone,
            AccountId account,
            String hostname,
            String sslId,
            List<String> hosts,
            Instant leafExpiresOn,
            String version) {}

    List<Row> all() {
        return this.jdbc
                .sql(
                        """
                select h.id, h.zone_id, z.account_id, h.hostname, h.ssl_id, h.hosts, h.expires_on, h.uploaded_on,
                    h.ssl_bundle_method, h.fingerprint, length(h.chain_pem) as chain_length
                from custom_hostnames h join zones z on z.id = h.zone_id
                where h.ssl_id is not null and h.leaf_pem is not null order by h.id""")
                .query((rs, n) -> {
                    OffsetDateTime uploaded = rs.getObject("uploaded_on", OffsetDateTime.class);
                    return new Row(
                            new HostnameId(rs.getString("id")),
                            new ZoneId(rs.getString("zone_id")),
                            new AccountId(rs.getString("account_id")),
                            rs.getString("hostname"),
                            rs.getString("ssl_id"),
                            JSON.readValue(rs.getString("hosts"), STRINGS),
                            rs.getObject("expires_on", OffsetDateTime.class).toInstant(),
                            rs.getString("ssl_id") + "/" + (uploaded == null ? "" : uploaded.toInstant()) + "/"
                                    + rs.getString("ssl_bundle_method") + "/" + rs.getString("fingerprint") + "/"
                                    + rs.getLong("chain_length"));
                })
                .list();
    }

    /** The served chain PEM, leaf first, or null when the hostname or its certificate is gone. */
    String servedChain(HostnameId id) {
        return this.jdbc
                .sql("select chain_pem from custom_hostnames where id = :id and leaf_pem is not null")
                .param("id", id.value())
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
