package dev.keyhold.certificates;

import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads what expiry needs of every stored certificate: a small row per certificate, and its served chain on demand. */
@Repository
class ChainExpiryRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ChainExpiryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A certificate as stored; {@code modifiedOn} changes whenever its chain may have. */
    record Row(
            CertificateId id,
            ZoneId zone,
            AccountId account,
            List<String> hosts,
            Instant leafExpiresOn,
            Instant modifiedOn) {}

    List<Row> all() {
        return this.jdbc
                .sql(
                        """
                select c.id, c.zone_id, z.account_id, c.hosts, c.expires_on, c.modified_on
                from custom_certificates c join zones z on z.id = c.zone_id order by c.id""")
                .query((rs, n) -> new Row(
                        new CertificateId(rs.getString("id")),
                        new ZoneId(rs.getString("zone_id")),
                        new AccountId(rs.getString("account_id")),
                        JSON.readValue(rs.getString("hosts"), STRINGS),
                        rs.getObject("expires_on", OffsetDateTime.class).toInstant(),
                        rs.getObject("modified_on", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The served chain PEM, leaf first, or null when the certificate is gone. */
    String servedChain(CertificateId id) {
        return this.jdbc
                .sql("select served_chain_pem from custom_certificates where id = :id")
                .param("id", id.value())
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
