package dev.keyhold.support;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Gives each Spring context its own empty database and data directory, chosen by the system property
 * {@code keyhold.test.db}: {@code h2} (default) for a private in-memory H2 in PostgreSQL mode, {@code postgres} for a
 * fresh schema on {@code KEYHOLD_TEST_POSTGRES_URL} or, when that is unset, on an embedded PostgreSQL started once per
 * JVM. Use it through {@link KeyholdApiTest} or {@code @ContextConfiguration(initializers = TestDatabase.class)}; the
 * operator can then sign in with {@link #OPERATOR_EMAIL} and {@link #OPERATOR_KEY}.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The bootstrap operator's email in every test context. */
    public static final String OPERATOR_EMAIL = "operator@keyhold.test";

    /** The bootstrap operator's Global API Key in every test context (37 hex digits, like Cloudflare's). */
    public static final String OPERATOR_KEY = "5f0c3e7a9b1d4c2e8f6a0b3d5c7e9f1a2b4c6";

    /** The bootstrap operator's dashboard password in every test context. */
    public static final String OPERATOR_PASSWORD = "operator dashboard password";

    /** The system property that picks the database. */
    public static final String SELECTOR = "keyhold.test.db";

    static final String PROPERTY_SOURCE = "keyholdTestDatabase";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Which database engine a run uses. */
    public enum Kind {
        H2,
        POSTGRES;

        /** The engine named by {@code keyhold.test.db}; anything but h2 or postgres is a configuration mistake. */
        public static Kind selected() {
            return of(System.getProperty(SELECTOR, "h2"));
        }

        static Kind of(String name) {
            String value = name.trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "", "h2" -> H2;
                case "postgres", "postgresql" -> POSTGRES;
                default ->
                    throw new IllegalStateException("-D" + SELECTOR + "=" + value + " is not supported; use -D"
                            + SELECTOR + "=h2 or -D" + SELECTOR + "=postgres");
            };
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Database database = create(Kind.selected());
        Path dataDir = newDataDir();
        Map<String, Object> properties = new LinkedHashMap<>(database.properties());
        properties.put("keyhold.data-dir", dataDir.toString());
        properties.put("keyhold.bootstrap.email", OPERATOR_EMAIL);
        properties.put("keyhold.bootstrap.api-key", OPERATOR_KEY);
        properties.put("keyhold.bootstrap.password", OPERATOR_PASSWORD);
        // background key generation would compete with the tests for the CPU; the pool's own tests turn it on
        properties.put("keyhold.keys.pool.enabled", "false");
        // tests make thousands of requests with one credential; RateLimitApiTests sets a small limit of its own
        properties.put("keyhold.api.rate-limit.requests", "0");
        // expiry checks and webhook deliveries run when a test calls them, never behind its back
        properties.put("keyhold.expiry.check-interval", "0");
        properties.put("keyhold.expiry.delivery-interval", "0");
        // the tests' webhook receivers listen on 127.0.0.1; WebhookAddressPolicyApiTests turns this off again
        properties.put("keyhold.expiry.allow-private-addresses", "true");
        install(context.getEnvironment(), properties);
        // Registered before any other bean, so destroyed after all of them (the pool is closed by then).
        DisposableBean cleanup = () -> {
            database.drop();
            Directories.deleteQuietly(dataDir);
        };
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean("keyholdTestDatabaseCleanup", cleanup);
        } else {
            context.addApplicationListener((ContextClosedEvent event) -> {
                database.drop();
                Directories.deleteQuietly(dataDir);
            });
        }
    }

    /** Creates a new, empty database of the given kind; callers must {@link Database#drop()} it when done. */
    public static Database create(Kind kind) {
        return switch (kind) {
            case H2 -> h2();
            case POSTGRES -> postgres(PostgresServer.get());
        };
    }

    /**
     * A database for one context: Spring properties to reach it, the plain JDBC coordinates, and how to throw it
     * away.
     */
    public record Database(Kind kind, String url, String username, String password, String schema) {

        /** The {@code spring.*} properties that point the application (and Flyway) at this database. */
        public Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("spring.datasource.url", url);
            p.put("spring.datasource.username", username);
            p.put("spring.datasource.password", password);
            if (schema != null) {
                p.put("spring.flyway.schemas", schema);
                p.put("spring.flyway.default-schema", schema);
                p.put("spring.flyway.create-schemas", "true");
            }
            return p;
        }

        /** Opens a plain JDBC connection, outside any pool. */
        public Connection connect() throws SQLException {
            Properties info = new Properties();
            info.setProperty("user", username);
            info.setProperty("password", password);
            return DriverManager.getConnection(url, info);
        }

        /** Frees the database: shuts the H2 database down, or drops the PostgreSQL schema. */
        public void drop() {
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute(kind == Kind.H2 ? "shutdown" : "drop schema if exists " + schema + " cascade");
            } catch (SQLException ex) {
                // NOTE: best effort; a leftover kh_ schema holds only test data and never collides (random name)
                System.err.println("TestDatabase: could not drop " + url + ": " + ex.getMessage());
            }
        }
    }

    private static Database h2() {
        String name = randomName();
        // DB_CLOSE_DELAY=-1 keeps the database while the pool cycles connections; drop() shuts it down.
        String url = "jdbc:h2:mem:" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        return new Database(Kind.H2, url, "sa", "", null);
    }

    private static Database postgres(PostgresServer server) {
        String schema = randomName();
        String separator = server.url().contains("?") ? "&" : "?";
        String url = server.url() + separator + "currentSchema=" + schema;
        return new Database(Kind.POSTGRES, url, server.username(), server.password(), schema);
    }

    /** A fresh schema or database name: {@code kh_} and 12 random hex digits. */
    static String randomName() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "kh_" + HexFormat.of().formatHex(bytes);
    }

    private static void install(ConfigurableEnvironment environment, Map<String, Object> properties) {
        MutablePropertySources sources = environment.getPropertySources();
        // A test's own properties (@SpringBootTest(properties = ...)) win: leave out what they set.
        if (sources.get(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)
                instanceof EnumerablePropertySource<?> inlined) {
            properties.keySet().removeIf(inlined::containsProperty);
        }
        // First, above the OS environment (a stray SPRING_DATASOURCE_URL must not leak in) and above what the
        // application's own environment post-processors derived from the defaults (system.DataDirectory points
        // spring.datasource.url at an H2 file in ./keyhold-data when none is set).
        sources.addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    private static Path newDataDir() {
        return Directories.createTemp("keyhold-test-data-");
    }
}
