package dev.keyhold.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * H2's housekeeping keeps the embedded database file from growing without bound under Keyhold's commit pattern
 * (every commit written at once, an append-only audit table beside rows that come and go), on the URL
 * {@link DataDirectory} gives the service; and it leaves other databases alone.
 */
class H2HousekeepingTests {

    private final Path root = Directories.createTemp("keyhold-h2-housekeeping-");

    @AfterEach
    void deleteFiles() {
        Directories.deleteQuietly(this.root);
    }

    @Test
    void theFileStaysSmallWithHousekeepingAndGrowsWithout() throws Exception {
        long without = churn("without", false);
        long with = churn("with", true);

        assertThat(with)
                .as("file size with housekeeping (%d KB) against without (%d KB)", with / 1024, without / 1024)
                .isLessThan(without / 3);
    }

    @Test
    void anInMemoryH2AndPostgresqlHaveNothingToHousekeep() {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:housekeeping-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        assertThat(new H2Housekeeping(memory).run()).isFalse();

        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        postgres.setUser("postgres");
        assertThat(new H2Housekeeping(postgres).run()).isFalse();
    }

    @Test
    void looksTheStoreUpOnceAndAgainOnlyAfterTheDatabaseWasClosed() throws Exception {
        AtomicInteger borrowed = new AtomicInteger();
        JdbcDataSource target = new JdbcDataSource();
        target.setURL(serviceUrl("lookup"));
        target.setUser("sa");
        DataSource h2 = new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws SQLException {
                borrowed.incrementAndGet();
                return super.getConnection();
            }
        };
        H2Housekeeping keeper = new H2Housekeeping(h2);
        try (Connection open = h2.getConnection()) { // as the pool keeps one open
            for (int i = 0; i < 5; i++) {
                assertThat(keeper.run()).isTrue();
            }
            assertThat(borrowed)
                    .as("connections borrowed: the test's own and one lookup")
                    .hasValue(2);

            try (Statement s = open.createStatement()) {
                s.execute("shutdown");
            }
        }
        try (Connection reopened = h2.getConnection()) { // as the pool reconnects
            assertThat(keeper.run())
                    .as("a round after the database was closed and opened again")
                    .isTrue();
            assertThat(keeper.run()).isTrue();
        }
        assertThat(borrowed).as("the test's two and two lookups").hasValue(4);
    }

    /** 3,000 rounds of what Keyhold's writes look like; returns the file's size at the end. */
    private long churn(String name, boolean housekeeping) throws SQLException, Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(serviceUrl(name));
        h2.setUser("sa");
        H2Housekeeping keeper = new H2Housekeeping(h2);
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement()) {
            // NOTE: chunks become reusable at once, as they do 45 s (H2's retention time) after they are freed
            s.execute("set retention_time 0");
            s.execute("create table audit (seq bigint generated always as identity primary key, at timestamp,"
                    + " actor varchar(100), detail varchar(300))");
            s.execute("create index audit_at on audit (at)");
            s.execute("create table csrs (id bigint primary key, pem varchar(2000))");
            try (PreparedStatement audit = c.prepareStatement(
                            "insert into audit (at, actor, detail) values (current_timestamp, ?, ?)");
                    PreparedStatement insert = c.prepareStatement("insert into csrs values (?, ?)");
                    PreparedStatement delete = c.prepareStatement("delete from csrs where id = ?")) {
                String pem = "P".repeat(1500);
                for (int i = 0; i < 3000; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, pem);
                    insert.executeUpdate();
                    audit.setString(1, "member" + (i % 7) + "@keyhold.test");
                    audit.setString(2, "create custom CSR " + i);
                    audit.executeUpdate();
                    if (i >= 50) {
                        delete.setLong(1, i - 50);
                        delete.executeUpdate();
                    }
                    if (housekeeping && i % 20 == 0) {
                        assertThat(keeper.run()).isTrue();
                    }
                }
            }
            return Files.size(this.root.resolve(name).resolve("db").resolve("keyhold.mv.db"));
        }
    }

    private String serviceUrl(String name) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test",
                        Map.of(DataDirectory.PROPERTY, this.root.resolve(name).toString())));
        new DataDirectory().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("spring.datasource.url");
    }
}
