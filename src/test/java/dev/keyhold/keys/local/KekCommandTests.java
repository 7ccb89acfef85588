package dev.keyhold.keys.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.keys.KekCommand;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.ManagedKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * {@code kek ...} as an operator runs it, in a non-web context reading the server's settings (here given as
 * {@code --name=value} arguments): what it prints, its exit codes, and its one-line errors, which never show a
 * password or key material.
 */
class KekCommandTests {

    @TempDir
    Path dataDir;

    private LocalBackend backend;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void createBackend() {
        this.backend = new LocalBackend(this.dataDir);
    }

    @AfterEach
    void closeBackend() {
        this.backend.close();
        // NOTE: the command quiets logging for the operator; other tests in this JVM read INFO logs
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
        logging.setLogLevel("com.zaxxer.hikari", null);
        logging.setLogLevel("org.springframework.boot.SpringApplication", null);
    }

    @Test
    void statusRotateRetireAndVerifyReportWhatTheyDidWithoutSecrets() throws Exception {
        LocalKeyManager keys = this.backend.start();
        for (int i = 0; i < 3; i++) {
            keys.create(KeyType.P256V1);
        }
        String password = Files.readString(this.backend.settings().defaultPasswordFile());

        assertThat(kek("status")).isZero();
        assertThat(output())
                .contains("KEK keystore " + this.dataDir.resolve("kek.p12"))
                .contains("kek-1: in the keystore, newest: seals new keys; 3 local key(s), 0 of them pooled")
                .contains("No rotation yet.");

        assertThat(kek("rotate", "--batch-size", "2")).isZero();
        assertThat(output())
                .contains("Added kek-2 to the keystore")
                .contains("Rotation to kek-2 complete: re-sealed 3 key(s) in 2 batch(es)");
        assertThat(kek("rotate")).isZero();
        assertThat(output()).startsWith("Nothing to do: every local key is sealed under kek-2");

        assertThat(kek("retire", "kek-1")).isZero();
        assertThat(output()).startsWith("Removed kek-1 from the keystore");
        assertThat(kek("status")).isZero();
        assertThat(output())
                .contains("kek-1: not in the keystore (retired); 0 local key(s)")
                .contains("kek-2: in the keystore, newest: seals new keys; 3 local key(s)")
                .containsPattern("Last rotation: to kek-2, started .*, completed ");
        assertThat(kek("verify")).isZero();
        assertThat(output()).contains("Checked 3 key(s): each unseals and signs");
        assertThat(this.everything).doesNotContain(password.strip());
    }

    @Test
    void retiringAKekThatStillSealsKeysIsRefusedInOneLine() {
        ManagedKey key = this.backend.start().create(KeyType.P256V1);
        assertThat(kek("rotate", "--max-batches", "0")).isZero();
        assertThat(output()).contains("Stopped after 0 batch(es) as asked: re-sealed 0 key(s), 1 left");

        assertThat(kek("retire", "1")).isEqualTo(KekCommand.REFUSED);

        assertThat(errors())
                .isEqualTo("keyhold kek: The rotation to kek-2 is still in progress: run `kek rotate` to finish it,"
                        + " then retire kek-1\n");
        assertThat(this.backend.row(key.id()).kekVersion()).isEqualTo(1);
        assertThat(this.backend.openKeks().all()).containsOnlyKeys(1, 2);
    }

    @Test
    void aMissingKeystoreFailsWithTheFixAndCreatesNothing(@TempDir Path empty) throws Exception {
        assertThat(kek("status", "--keyhold.data-dir=" + empty)).isEqualTo(KekCommand.CONFIGURATION);

        assertThat(errors())
                .isEqualTo("keyhold kek: The KEK keystore " + empty.resolve("kek.p12") + " does not exist: point"
                        + " keyhold.keys.local.keystore (KEYHOLD_KEK_KEYSTORE) at the keystore the servers use, with"
                        + " its password (KEYHOLD_KEK_PASSWORD or KEYHOLD_KEK_PASSWORD_FILE)\n");
        try (var files = Files.list(empty)) {
            assertThat(files).as("no keystore or password file created").isEmpty();
        }
    }

    @Test
    void aWrongPasswordFailsWithTheFixAndWithoutThePassword() throws Exception {
        this.backend.start();
        Path wrong = Files.writeString(this.dataDir.resolve("wrong-password"), "not-the-kek-password\n");

        assertThat(kek("status", "--keyhold.keys.local.keystore-password-file=" + wrong))
                .isEqualTo(KekCommand.CONFIGURATION);

        assertThat(errors())
                .isEqualTo("keyhold kek: The KEK keystore " + this.dataDir.resolve("kek.p12") + " cannot be opened"
                        + " with the password from keyhold.keys.local.keystore-password-file=" + wrong
                        + ": check the password or restore the matching keystore\n");
        assertThat(this.everything).doesNotContain("not-the-kek-password");
    }

    @Test
    void anUnreachableDatabaseFailsWithTheFixAndWithoutItsPassword() {
        this.backend.start();

        int code = kek(
                "status",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/keyhold?password=db-secret",
                "--spring.datasource.hikari.connection-timeout=1000");

        assertThat(code).isEqualTo(KekCommand.CONFIGURATION);
        assertThat(errors())
                .startsWith("keyhold kek: Cannot connect to the database jdbc:postgresql://127.0.0.1:1/keyhold (")
                .endsWith("): check SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD,"
                        + " and that the database is up\n")
                .hasLineCount(1);
        assertThat(this.everything).doesNotContain("db-secret");
    }

    @Test
    void anUnknownCommandPrintsTheUsage() {
        assertThat(kek("frobnicate")).isEqualTo(KekCommand.USAGE);
        assertThat(errors()).startsWith("keyhold kek: unknown command kek frobnicate; usage: java -jar keyhold.jar");
        assertThat(kek("rotate", "--batch-size", "zero")).isEqualTo(KekCommand.USAGE);
        assertThat(errors()).startsWith("keyhold kek: --batch-size zero is not a valid value");
    }

    private String everything = "";

    /** Runs {@code kek <args>} against the backend's database and data dir. */
    private int kek(String... args) {
        this.out.reset();
        this.err.reset();
        var database = this.backend.database.connection();
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("--keyhold.data-dir="))) {
            all.add("--keyhold.data-dir=" + this.dataDir);
        }
        if (all.stream().noneMatch(a -> a.startsWith("--spring.datasource.url="))) {
            all.add("--spring.datasource.url=" + database.url());
        }
        all.add("--spring.datasource.username=" + database.username());
        all.add("--spring.datasource.password=" + database.password());
        int code = KekCommand.run(
                all.toArray(String[]::new),
                new PrintStream(this.out, true, StandardCharsets.UTF_8),
                new PrintStream(this.err, true, StandardCharsets.UTF_8));
        this.everything += output() + errors();
        return code;
    }

    private String output() {
        return this.out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return this.err.toString(StandardCharsets.UTF_8);
    }
}
