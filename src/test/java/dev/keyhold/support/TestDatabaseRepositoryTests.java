package dev.keyhold.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.keyhold.support.TestDatabase.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Proves {@link TestDatabase} on the engine this run selected. NOTE: named *RepositoryTests so that the pom's
 * {@code postgres} surefire execution runs it again with {@code -Dkeyhold.test.db=postgres}.
 */
class TestDatabaseRepositoryTests {

    /** Only the database, Flyway and JdbcClient: the real migrations, none of the application's beans. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        DataSourceAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class
    })
    static class MigratedDatabase {}

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MigratedDatabase.class)
                .web(WebApplicationType.NONE)
                .initializers(new TestDatabase())
                .properties("spring.flyway.locations=classpath:db/migration", "spring.main.banner-mode=off")
                .run();
    }

    @Test
    void connectsToTheEngineNamedByTheKeyholdTestDbProperty() throws SQLException {
        try (ConfigurableApplicationContext context = start();
                Connection c = context.getBean(DataSource.class).getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            assertThat(product).isEqualTo(Kind.selected() == Kind.H2 ? "H2" : "PostgreSQL");
        }
    }

    @Test
    void givesEveryContextItsOwnMigratedDatabase() {
        try (ConfigurableApplicationContext first = start();
                ConfigurableApplicationContext second = start()) {
            JdbcClient one = first.getBean(JdbcClient.class);
            JdbcClient two = second.getBean(JdbcClient.class);
            one.sql("insert into accounts (id, name, created_on) values (:id, 'Isolation check', :now)")
                    .param("id", "0123456789abcdef0123456789abcdef")
                    .param("now", OffsetDateTime.now())
                    .update();

            assertThat(count(one, "accounts")).isEqualTo(1);
            assertThat(count(two, "accounts")).isZero();
            assertThat(count(two, "flyway_schema_history")).isPositive();
            assertThat(url(first)).isNotEqualTo(url(second));
        }
    }

    @Test
    void putsPostgresDataInAFreshSchemaNamedByTheUrl() {
        try (ConfigurableApplicationContext context = start()) {
            String url = url(context);
            if (Kind.selected() == Kind.H2) {
                assertThat(url)
                        .startsWith("jdbc:h2:mem:kh_")
                        .contains(";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;")
                        .contains(";DEFAULT_NULL_ORDERING=HIGH");
                return;
            }
            String schema = context.getEnvironment().getProperty("spring.flyway.default-schema");
            assertThat(schema).matches("kh_[0-9a-f]{12}");
            assertThat(url).contains("currentSchema=" + schema);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select current_schema()").query(String.class).single())
                    .isEqualTo(schema);
            assertThat(jdbc.sql("select table_schema from information_schema.tables where table_name = 'custom_csrs'")
                            .query(String.class)
                            .list())
                    .contains(schema);
        }
    }

    @Test
    void dropsTheDatabaseAndDataDirWhenTheContextCloses() throws SQLException {
        Map<String, Object> properties;
        Path dataDir;
        try (ConfigurableApplicationContext context = start()) {
            properties = ((MapPropertySource)
                            context.getEnvironment().getPropertySources().get(TestDatabase.PROPERTY_SOURCE))
                    .getSource();
            dataDir = Path.of(context.getEnvironment().getProperty("keyhold.data-dir"));
            assertThat(dataDir).isDirectory();
        }
        assertThat(Files.exists(dataDir)).isFalse();
        var closed = new TestDatabase.Database(
                Kind.selected(),
                (String) properties.get("spring.datasource.url"),
                (String) properties.get("spring.datasource.username"),
                (String) properties.get("spring.datasource.password"),
                (String) properties.get("spring.flyway.default-schema"));
        // NOTE: reconnecting to a shut-down H2 mem URL creates a new, empty database, hence the table check; on
        // PostgreSQL other live contexts have their own kh_ schemas, so look only at this one
        String schema = closed.schema() == null ? "public" : closed.schema();
        try (Connection c = closed.connect();
                ResultSet schemas = c.getMetaData().getSchemas(null, schema);
                ResultSet tables = c.getMetaData().getTables(null, schema, "accounts", null)) {
            assertThat(tables.next())
                    .as("accounts table still exists in %s after close", schema)
                    .isFalse();
            if (closed.kind() == Kind.POSTGRES) {
                assertThat(schemas.next())
                        .as("schema %s still exists after close", schema)
                        .isFalse();
            }
        } finally {
            closed.drop();
        }
    }

    @Test
    void setsAFreshDataDirAndTheFixedOperatorCredentials() {
        try (ConfigurableApplicationContext first = start();
                ConfigurableApplicationContext second = start()) {
            assertThat(first.getEnvironment().getProperty("keyhold.data-dir"))
                    .isNotEqualTo(second.getEnvironment().getProperty("keyhold.data-dir"));
            assertThat(first.getEnvironment().getProperty("keyhold.bootstrap.email"))
                    .isEqualTo(TestDatabase.OPERATOR_EMAIL);
            assertThat(first.getEnvironment().getProperty("keyhold.bootstrap.api-key"))
                    .isEqualTo(TestDatabase.OPERATOR_KEY);
        }
    }

    @Test
    void overridesDerivedDefaultsButLetsATestsOwnPropertiesWin() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            var sources = context.getEnvironment().getPropertySources();
            sources.addFirst(new MapPropertySource(
                    TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME,
                    Map.of("keyhold.bootstrap.email", "someone@keyhold.test")));
            // what an environment post-processor of the application derives, above the inlined properties
            sources.addFirst(new MapPropertySource(
                    "derivedDefaults", Map.of("spring.datasource.url", "jdbc:h2:file:./keyhold-data/db/keyhold")));
            new TestDatabase().initialize(context);
            context.refresh();

            assertThat(context.getEnvironment().getProperty("keyhold.bootstrap.email"))
                    .isEqualTo("someone@keyhold.test");
            assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
                    .doesNotContain("keyhold-data");
            assertThat(context.getEnvironment().getProperty("keyhold.bootstrap.api-key"))
                    .isEqualTo(TestDatabase.OPERATOR_KEY);
        }
    }

    @Test
    void rejectsAnUnknownEngineWithTheAllowedValues() {
        assertThatIllegalStateException()
                .isThrownBy(() -> Kind.of("mysql"))
                .withMessageContaining("-Dkeyhold.test.db=h2")
                .withMessageContaining("-Dkeyhold.test.db=postgres");
        assertThat(Kind.of("POSTGRES")).isEqualTo(Kind.POSTGRES);
        assertThat(Kind.of("")).isEqualTo(Kind.H2);
    }

    /** The same initializer inside the real application, through {@link KeyholdApiTest}. */
    @Nested
    @KeyholdApiTest
    class InTheApplication {

        @LocalServerPort
        int port;

        @Autowired
        DataSource dataSource;

        @Autowired
        Environment environment;

        @Test
        void reportsHealthUpOnTheSelectedDatabase() throws Exception {
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            try (Connection c = dataSource.getConnection()) {
                assertThat(c.getMetaData().getURL())
                        .startsWith(Kind.selected() == Kind.H2 ? "jdbc:h2:mem:kh_" : "jdbc:postgresql:");
            }
            assertThat(environment.getProperty("keyhold.bootstrap.api-key")).isEqualTo(TestDatabase.OPERATOR_KEY);
            assertThat(environment.getProperty("keyhold.data-dir")).contains("keyhold-test-data-");
        }
    }

    private static int count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    private static String url(ConfigurableApplicationContext context) {
        return context.getEnvironment().getProperty("spring.datasource.url");
    }
}
