package dev.keyhold.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.TestDatabase;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V10 fills {@code known_intermediates} from the chains stored before V9: an upgraded database completes later chains
 * exactly as before. NOTE: named *RepositoryTests so the pom's {@code postgres} execution runs it on PostgreSQL too.
 */
class KnownIntermediatesRepositoryTests {

    private static final TestCa CA = TestCa.generate();

    private static final TestCa OTHER_CA = TestCa.generate();

    private TestDatabase.Database database;

    /** One connection for Flyway and the test (H2 evaluates check constraints in the session that created them). */
    private SingleConnectionDataSource connection;

    @BeforeEach
    void migrateToTheSchemaBeforeKnownIntermediatesWereFilled() {
        this.database = TestDatabase.create(TestDatabase.Kind.selected());
        this.connection = new SingleConnectionDataSource(
                this.database.url(), this.database.username(), this.database.password(), true);
        flyway().target("9").load().migrate();
    }

    @AfterEach
    void drop() {
        this.connection.destroy();
        this.database.drop();
    }

    @Test
    void backfillsTheIntermediatesOfEveryServedChainOncePerAccount() throws SQLException {
        try (Connection c = this.connection.getConnection()) {
            account(c, "a1");
            account(c, "a2");
            zone(c, "z1", "a1");
            zone(c, "z2", "a1");
            zone(c, "z3", "a2");
            certificate(c, "z1", TestCa.pem(leaf(CA), CA.intermediate().certificate()));
            certificate(c, "z2", TestCa.pem(leaf(CA), CA.intermediate().certificate()));
            certificate(
                    c, "z2", TestCa.pem(leaf(OTHER_CA), OTHER_CA.intermediate().certificate()));
            certificate(c, "z3", TestCa.pem(leaf(CA), CA.intermediate().certificate()));
            certificate(c, "z3", TestCa.pem(leaf(CA)));
        }

        flyway().javaMigrations(new V10__Known_intermediates_backfill()).load().migrate();

        try (Connection c = this.connection.getConnection()) {
            assertThat(known(c, "a1"))
                    .containsExactlyInAnyOrder(
                            fingerprint(CA.intermediate().certificate()),
                            fingerprint(OTHER_CA.intermediate().certificate()));
            assertThat(known(c, "a2"))
                    .containsExactly(fingerprint(CA.intermediate().certificate()));
            try (Statement s = c.createStatement();
                    ResultSet pem = s.executeQuery(
                            "select pem from known_intermediates where account_id = '" + id("a2") + "'")) {
                assertThat(pem.next()).isTrue();
                assertThat(pem.getString(1))
                        .isEqualTo(TestCa.pem(CA.intermediate().certificate()));
            }
        }
    }

    private FluentConfiguration flyway() {
        FluentConfiguration configuration =
                Flyway.configure().dataSource(this.connection).locations("classpath:db/migration");
        if (this.database.schema() != null) {
            configuration.schemas(this.database.schema()).defaultSchema(this.database.schema());
        }
        return configuration;
    }

    private static X509Certificate leaf(TestCa ca) {
        KeyPair keys = TestCa.ec("secp256r1");
        return ca.leaf(keys.getPublic(), "www.backfill.dev").certificate();
    }

    private static String fingerprint(X509Certificate certificate) {
        return HexFormat.of().formatHex(Der.sha256(Der.encoded(certificate)));
    }

    private static String id(String name) {
        return (name + "0".repeat(32)).substring(0, 32);
    }

    private static void account(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into accounts (id, name, created_on) values (?, ?, ?)")) {
            s.setString(1, id(name));
            s.setString(2, name);
            s.setObject(3, OffsetDateTime.now());
            s.executeUpdate();
        }
    }

    private static void zone(Connection c, String name, String account) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("insert into zones (id, account_id, name, created_on) values (?, ?, ?, ?)")) {
            s.setString(1, id(name));
            s.setString(2, id(account));
            s.setString(3, name + ".backfill.dev");
            s.setObject(4, OffsetDateTime.now());
            s.executeUpdate();
        }
    }

    private static void certificate(Connection c, String zone, String servedChain) throws SQLException {
        String key = UUID.randomUUID().toString();
        try (PreparedStatement s =
                c.prepareStatement("insert into sealed_keys (id, key_type, public_key, sealed, kek_version, created_at)"
                        + " values (?, 'p256v1', ?, ?, 1, ?)")) {
            s.setString(1, key);
            s.setBytes(2, new byte[] {1});
            s.setBytes(3, new byte[] {2});
            s.setObject(4, OffsetDateTime.now());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                """
                insert into custom_certificates (id, zone_id, key_id, type, bundle_method, hosts, issuer,
                    serial_number, signature, key_type, fingerprint, not_before, expires_on, leaf_pem,
                    served_chain_pem, uploaded_on, modified_on)
                values (?, ?, ?, 'legacy_custom', 'ubiquitous', '[]', 'Test', '1', 'ECDSAWithSHA256', 'p256v1', ?,
                    ?, ?, ?, ?, ?, ?)""")) {
            OffsetDateTime now = OffsetDateTime.now();
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, id(zone));
            s.setString(3, key);
            s.setString(4, key.replace("-", "") + "0".repeat(28));
            s.setObject(5, now);
            s.setObject(6, now.plusDays(90));
            s.setString(7, servedChain);
            s.setString(8, servedChain);
            s.setObject(9, now);
            s.setObject(10, now);
            s.executeUpdate();
        }
    }

    private static List<String> known(Connection c, String account) throws SQLException {
        List<String> fingerprints = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("select fingerprint from known_intermediates where account_id = ?")) {
            s.setString(1, id(account));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    fingerprints.add(rows.getString(1));
                }
            }
        }
        return fingerprints;
    }
}
