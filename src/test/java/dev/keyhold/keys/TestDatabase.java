package dev.keyhold.keys;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A private database migrated with the application's Flyway scripts, with the transaction manager the application
 * would use: in-memory H2 in PostgreSQL mode, or, under {@code -Dkeyhold.test.db=postgres}, a fresh schema in the
 * PostgreSQL database named by {@code KEYHOLD_TEST_POSTGRES_URL}. {@link #close()} drops it.
 */
public final class TestDatabase implements AutoCloseable {

    private final DataSource dataSource;

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final String dropStatement;

    private TestDatabase(DataSource dataSource, String dropStatement) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dropStatement = dropStatement;
    }

    /** A new, empty, migrated database. */
    public static TestDatabase migrated() {
        String name = "keys_" + UUID.randomUUID().toString().replace("-", "");
        TestDatabase database = "postgres".equals(System.getProperty("keyhold.test.db")) ? postgres(name) : h2(name);
        Flyway.configure().dataSource(database.dataSource).locations("classpath:db/migration").load().migrate();
        return database;
    }

    private static TestDatabase h2(String name) {
        String url = "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        return new TestDatabase(new SimpleDriverDataSource(new org.h2.Driver(), url), "shutdown");
    }

    private static TestDatabase postgres(String schema) {
        String url = System.getenv("KEYHOLD_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("keyhold.test.db=postgres needs KEYHOLD_TEST_POSTGRES_URL, e.g. "
                    + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), url))
            .sql("create schema " + schema)
            .update();
        String scoped = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(new SimpleDriverDataSource(new org.postgresql.Driver(), scoped),
                "drop schema " + schema + " cascade");
    }

    public DataSource dataSource() {
        return this.dataSource;
    }

    public JdbcClient jdbc() {
        return this.jdbc;
    }

    public TransactionTemplate transactions() {
        return this.transactions;
    }

    @Override
    public void close() {
        this.jdbc.sql(this.dropStatement).update();
    }
}
