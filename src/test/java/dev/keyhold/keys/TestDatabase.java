package dev.keyhold.keys;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A private database for key backend tests, outside any Spring context: the shared test database of
 * {@link dev.keyhold.support.TestDatabase} (H2, or PostgreSQL under {@code -Dkeyhold.test.db=postgres}), migrated with
 * the application's Flyway scripts, with the transaction manager the application would use. {@link #close()} drops
 * it.
 */
public final class TestDatabase implements AutoCloseable {

    private final dev.keyhold.support.TestDatabase.Database database;

    private final DataSource dataSource;

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private TestDatabase(dev.keyhold.support.TestDatabase.Database database) {
        this.database = database;
        this.dataSource = new DriverManagerDataSource(database.url(), database.username(), database.password());
        this.jdbc = JdbcClient.create(this.dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
    }

    /** A new, empty, migrated database. */
    public static TestDatabase migrated() {
        var database = dev.keyhold.support.TestDatabase.create(dev.keyhold.support.TestDatabase.Kind.selected());
        var flyway = Flyway.configure()
                .dataSource(database.url(), database.username(), database.password())
                .locations("classpath:db/migration");
        if (database.schema() != null) {
            flyway.schemas(database.schema()).defaultSchema(database.schema()).createSchemas(true);
        }
        flyway.load().migrate();
        return new TestDatabase(database);
    }

    public DataSource dataSource() {
        return this.dataSource;
    }

    /** Where the database is, for a process or command that connects by itself. */
    public dev.keyhold.support.TestDatabase.Database connection() {
        return this.database;
    }

    public JdbcClient jdbc() {
        return this.jdbc;
    }

    public TransactionTemplate transactions() {
        return this.transactions;
    }

    @Override
    public void close() {
        this.database.drop();
    }
}
