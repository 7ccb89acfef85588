package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The invariants of Keyhold's tables (src/main/resources/db/migration) that a crash must not break, checked with SQL
 * on a stopped or idle server: no key outside the pool that nothing uses, no CSR without its key, no certificate
 * without its CSR, CSR counters that add up, and the intermediates an upload brought remembered with it.
 */
final class StoredInvariants {

    private final Statement sql;

    private final String prefix;

    /** @param schema the schema holding Keyhold's tables, or null for the connection's default one */
    StoredInvariants(Connection connection, String schema) throws SQLException {
        this.sql = connection.createStatement();
        this.prefix = schema == null ? "" : schema + ".";
    }

    /** Checks every invariant and that the tables hold exactly the rows the API listed. */
    void check(int csrsListed, int certificatesListed, String intermediateFingerprint) throws SQLException {
        assertThat(ids("select k.id from " + t("sealed_keys") + " k where k.pooled = false"
                        + " and not exists (select 1 from " + t("custom_csrs") + " c where c.key_id = k.id)"
                        + " and not exists (select 1 from " + t("custom_certificates") + " x where x.key_id = k.id)"
                        + " and not exists (select 1 from " + t("custom_hostnames") + " h where h.key_id = k.id)"))
                .as("keys claimed or generated for a CSR or certificate that was never stored (orphans)")
                .isEmpty();
        assertThat(ids("select c.id from " + t("custom_csrs") + " c left join " + t("sealed_keys")
                        + " k on k.id = c.key_id where k.id is null or k.pooled or k.key_type <> c.key_type"))
                .as("CSRs whose key is missing, still pooled (claimable again) or of another type")
                .isEmpty();
        assertThat(ids("select x.id from " + t("custom_certificates") + " x left join " + t("custom_csrs")
                        + " c on c.id = x.custom_csr_id left join " + t("sealed_keys") + " k on k.id = x.key_id"
                        + " where x.custom_csr_id is null or c.id is null or c.key_id <> x.key_id"
                        + " or k.id is null or k.pooled"))
                .as("certificates without their CSR, or whose key is not their CSR's")
                .isEmpty();
        assertThat(ids("select k.id from " + t("sealed_keys") + " k where k.pooled and (exists (select 1 from "
                        + t("custom_csrs") + " c where c.key_id = k.id) or exists (select 1 from "
                        + t("custom_certificates") + " x where x.key_id = k.id))"))
                .as("pooled keys that a CSR or certificate already uses")
                .isEmpty();
        assertThat(ids("select id from " + t("sealed_keys")
                        + " where backend <> 'local' or sealed is null or kek_version is null"))
                .as("local keys without their sealed private key")
                .isEmpty();

        assertThat(counts("select scope_id, sum(n) from " + t("csr_counts") + " group by scope_id having sum(n) <> 0"))
                .as("csr_counts summed per scope equal the CSRs stored per scope")
                .isEqualTo(counts("select zone_id, count(*) from " + t("custom_csrs")
                        + " where zone_id is not null group by zone_id"
                        + " union all select account_id, count(*) from " + t("custom_csrs")
                        + " where zone_id is null group by account_id"));

        assertThat(number("select count(*) from " + t("custom_csrs")))
                .as("CSR rows, against the CSRs the API listed")
                .isEqualTo(csrsListed);
        assertThat(number("select count(*) from " + t("custom_certificates")))
                .as("certificate rows, against the certificates the API listed")
                .isEqualTo(certificatesListed);
        if (certificatesListed > 0) {
            assertThat(number("select count(*) from " + t("known_intermediates") + " where fingerprint = '"
                            + intermediateFingerprint + "'"))
                    .as("the intermediate the uploads brought is remembered for the account")
                    .isEqualTo(1);
        }
    }

    /** Keys waiting in the pool, per type, for the report. */
    Map<String, Long> pooled() throws SQLException {
        return counts("select key_type, count(*) from " + t("sealed_keys") + " where pooled group by key_type");
    }

    private String t(String table) {
        return this.prefix + table;
    }

    private List<String> ids(String query) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = this.sql.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getString(1).strip());
            }
        }
        return ids;
    }

    private Map<String, Long> counts(String query) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (ResultSet rs = this.sql.executeQuery(query)) {
            while (rs.next()) {
                counts.put(rs.getString(1).strip(), rs.getLong(2));
            }
        }
        return counts;
    }

    private long number(String query) throws SQLException {
        try (ResultSet rs = this.sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
