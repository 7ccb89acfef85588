package dev.keyhold.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.Directories;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryTests {

    @Test
    void theEmbeddedDatabaseWritesEachCommitToItsFileBeforeTheCommitReturns() throws Exception {
        Path root = Directories.createTemp("keyhold-data-directory-");
        try {
            StandardEnvironment environment = new StandardEnvironment();
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "test",
                            Map.of(DataDirectory.PROPERTY, root.resolve("data").toString())));
            new DataDirectory().postProcessEnvironment(environment, new SpringApplication());

            String url = environment.getProperty("spring.datasource.url");
            assertThat(url)
                    .startsWith(
                            "jdbc:h2:file:" + root.resolve("data").resolve("db").resolve("keyhold"));
            // NOTE: H2's default of 500 ms loses commits a client was told about when the process is killed
            try (Connection c = DriverManager.getConnection(url, "sa", "");
                    ResultSet rs = c.createStatement()
                            .executeQuery("select setting_value from information_schema.settings"
                                    + " where setting_name = 'WRITE_DELAY'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("0");
            }
        } finally {
            Directories.deleteQuietly(root);
        }
    }
}
