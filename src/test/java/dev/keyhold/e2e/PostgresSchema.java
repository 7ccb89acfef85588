package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, randomly named schema in the PostgreSQL of {@code KEYHOLD_TEST_POSTGRES_URL} (with {@code _USER} and
 * {@code _PASSWORD}), for packaged-jar tests; closing it drops the schema. Without the URL the test fails under CI
 * ({@code bash .ci/run} sets it) and is skipped elsewhere.
 */
final class PostgresSchema implements AutoCloseable {

    private static final Pattern AUTHORITY = Pattern.compile("//([^/?]+)/");

    private final String url;

    private final String user;

    private final String password;

    private final String name;

    private PostgresSchema(String url, String user, String password, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** A new schema named {@code <prefix><12 random hex digits>}; the schema itself is created by Flyway. */
    static PostgresSchema create(String prefix) {
        String url = System.getenv("KEYHOLD_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            String message = "KEYHOLD_TEST_POSTGRES_URL is not set (bash .ci/run sets it to "
                    + "jdbc:postgresql://127.0.0.1:5432/test)";
            if (System.getenv("CI") != null) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return new PostgresSchema(
                url,
                System.getenv().getOrDefault("KEYHOLD_TEST_POSTGRES_USER", "postgres"),
                System.getenv().getOrDefault("KEYHOLD_TEST_POSTGRES_PASSWORD", ""),
                prefix + HexFormat.of().formatHex(random));
    }

    String name() {
        return this.name;
    }

    /** The settings that put a Keyhold process on this schema, migrated (and created) by Flyway at start. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(
                "SPRING_DATASOURCE_URL",
                this.url + (this.url.contains("?") ? "&" : "?") + "currentSchema=" + this.name);
        env.put("SPRING_DATASOURCE_USERNAME", this.user);
        env.put("SPRING_DATASOURCE_PASSWORD", this.password);
        env.put("SPRING_FLYWAY_SCHEMAS", this.name);
        env.put("SPRING_FLYWAY_CREATE_SCHEMAS", "true");
        return env;
    }

    /** The PostgreSQL server's {@code host:port}, from the JDBC URL (port 5432 when it names none). */
    String hostAndPort() {
        Matcher m = AUTHORITY.matcher(this.url);
        if (!m.find()) {
            throw new IllegalStateException("no host in " + this.url);
        }
        return m.group(1).contains(":") ? m.group(1) : m.group(1) + ":5432";
    }

    /** {@link #environment()} with the JDBC URL pointing at {@code host:port} instead, e.g. a proxy in between. */
    Map<String, String> environmentThrough(String hostAndPort) {
        Map<String, String> env = environment();
        env.put(
                "SPRING_DATASOURCE_URL",
                AUTHORITY.matcher(env.get("SPRING_DATASOURCE_URL")).replaceFirst("//" + hostAndPort + "/"));
        return env;
    }

    /** A connection to the database, for the test's own checks (name tables as {@code <schema>.<table>}). */
    Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", this.user);
        login.setProperty("password", this.password);
        return DriverManager.getConnection(this.url, login);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + this.name + " cascade");
        }
    }
}
