package dev.keyhold.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Resolves {@code keyhold.data-dir} ({@code KEYHOLD_DATA_DIR}) to an absolute path and points the default datasource at
 * the embedded H2 database inside it unless {@code SPRING_DATASOURCE_URL} chooses another database; then, once the
 * context is prepared (and before any bean opens a file), creates the directory (mode 0700) on first start and checks
 * that it is writable.
 */
class DataDirectory implements EnvironmentPostProcessor, ApplicationListener<ApplicationPreparedEvent>, Ordered {

    static final String PROPERTY = "keyhold.data-dir";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path dir = resolve(environment.getProperty(PROPERTY, "./keyhold-data"));
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put(PROPERTY, dir.toString());
        if (!StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            // NOTE: WRITE_DELAY=0 makes H2 write each commit to the file before the commit returns. H2's default (500
            // ms)
            // keeps committed changes in memory for up to half a second, and a killed process loses them although the
            // client was told they were stored. H2 does not fsync a commit either way: this survives a process kill,
            // not a power loss.
            resolved.put(
                    "spring.datasource.url",
                    "jdbc:h2:file:" + dir.resolve("db").resolve("keyhold")
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
            resolved.put("spring.datasource.username", "sa");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("keyholdDataDirectory", resolved));
    }

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        create(resolve(event.getApplicationContext().getEnvironment().getProperty(PROPERTY, "./keyhold-data")));
    }

    static Path resolve(String configured) {
        Path dir = Path.of(configured).toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidConfigurationException("KEYHOLD_DATA_DIR=" + dir + " is a file, not a directory: point "
                    + "KEYHOLD_DATA_DIR at a directory Keyhold may create and write.");
        }
        return dir;
    }

    static Path create(Path dir) {
        if (!Files.exists(dir)) {
            try {
                Files.createDirectories(dir);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            } catch (IOException | SecurityException ex) {
                throw new InvalidConfigurationException(
                        "Cannot create the data directory KEYHOLD_DATA_DIR=" + dir + " (" + ex.getMessage()
                                + "): create it yourself, writable by this user, or choose another.",
                        ex);
            }
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidConfigurationException("The data directory KEYHOLD_DATA_DIR=" + dir
                    + " is not writable by " + "this user: fix its permissions or choose another directory.");
        }
        return dir;
    }
}
