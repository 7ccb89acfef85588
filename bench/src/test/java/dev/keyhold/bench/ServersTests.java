package dev.keyhold.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench starts servers the way the README tells operators to. */
class ServersTests {

    @Test
    void theDocumentedJvmOptionsAreThoseOfTheReadmesStartCommand() throws IOException {
        // NOTE: Maven runs these tests in bench/
        String readme = Files.readString(Path.of("..", "README.md"));
        String startCommand = readme.lines()
                .filter(line -> line.contains("-jar target/keyhold.jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no start command"));

        assertThat(startCommand).contains("java " + Servers.DOCUMENTED_JVM_OPTIONS + " -jar target/keyhold.jar");
    }
}
