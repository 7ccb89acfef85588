package dev.keyhold.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.Keyhold;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Entitlements;
import dev.keyhold.tenancy.Tenancy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:bootstrap-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "keyhold.bootstrap.email=" + BootstrapTests.EMAIL,
            "keyhold.bootstrap.api-key="
        })
@ExtendWith(OutputCaptureExtension.class)
class BootstrapTests {

    static final String EMAIL = "operator@bootstrap.test";

    static final String PASSWORD = "configured password 1";

    static final Path STARTUP_DATA_DIR = tempDir();

    @Autowired
    Bootstrap bootstrap;

    @Autowired
    Authenticator authenticator;

    @Autowired
    Tenancy tenancy;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("keyhold.data-dir", STARTUP_DATA_DIR::toString);
    }

    @BeforeEach
    void emptyDatabase() {
        // the context bootstrapped at startup; each test starts again from an empty database
        for (String table : List.of("account_members", "api_tokens", "zones", "users", "accounts")) {
            this.jdbc.sql("delete from " + table).update();
        }
    }

    BootstrapSettings settings(String apiKey) {
        return settings(apiKey, PASSWORD);
    }

    BootstrapSettings settings(String apiKey, String password) {
        return BootstrapSettings.of(EMAIL, apiKey, password, "Bootstrap test", this.dataDir.toString());
    }

    @Test
    void startupWroteTheGeneratedCredentialsOwnerOnly() throws IOException {
        Path file = STARTUP_DATA_DIR.resolve("bootstrap-credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("CLOUDFLARE_EMAIL=" + EMAIL + "\n");
    }

    @Test
    void generatedKeyIsWrittenOwnerOnlyAndAuthenticatesTheOperator(CapturedOutput output) throws Exception {
        this.bootstrap.run(settings(null));

        Path file = this.dataDir.resolve("bootstrap-credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Map<String, String> sourced = source(file);
        String key = sourced.get("CLOUDFLARE_API_KEY");
        assertThat(sourced.get("CLOUDFLARE_EMAIL")).isEqualTo(EMAIL);
        assertThat(key).matches("[0-9a-f]{37}");
        assertThat(Files.readString(file)).startsWith("#");

        Principal operator = this.authenticator.globalKey(EMAIL, key);
        assertThat(operator.isOperator()).isTrue();
        Account account = this.tenancy.requireAccount(new AccountId(sourced.get("KEYHOLD_ACCOUNT_ID")));
        assertThat(account.name()).isEqualTo("Bootstrap test");
        assertThat(account.entitlements()).isEqualTo(Entitlements.all());
        assertThat(this.jdbc
                        .sql("select role from account_members where account_id = :a")
                        .param("a", account.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("ADMINISTRATOR");
        assertThat(output.getOut()).contains(file.toAbsolutePath().toString()).doesNotContain(key);
    }

    @Test
    void configuredKeyWritesNoFile() {
        String key = "configured-key-0123456789";
        this.bootstrap.run(settings(key));
        assertThat(this.dataDir.resolve("bootstrap-credentials")).doesNotExist();
        assertThat(this.authenticator.globalKey(EMAIL, key).isOperator()).isTrue();
    }

    @Test
    void secondRunCreatesNothingNew() throws IOException {
        this.bootstrap.run(settings(null));
        String written = Files.readString(this.dataDir.resolve("bootstrap-credentials"));
        this.bootstrap.run(settings(null));
        assertThat(count("users")).isEqualTo(1);
        assertThat(count("accounts")).isEqualTo(1);
        assertThat(count("account_members")).isEqualTo(1);
        assertThat(Files.readString(this.dataDir.resolve("bootstrap-credentials")))
                .isEqualTo(written);
    }

    @Test
    void keyFromTheEnvironmentReplacesTheOperatorsKeyOnALaterStart(CapturedOutput output) {
        String first = "first-key-0123456789abcdef";
        String second = "second-key-0123456789abcdef";
        this.bootstrap.run(settings(first));
        assertThat(output.getOut()).doesNotContain("Updated the Global API Key");
        this.bootstrap.run(settings(second));

        assertThat(this.authenticator.globalKey(EMAIL, second).isOperator()).isTrue();
        assertThatThrownBy(() -> this.authenticator.globalKey(EMAIL, first))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(count("users")).isEqualTo(1);
        assertThat(output.getOut())
                .contains("Updated the Global API Key of operator " + EMAIL)
                .doesNotContain(first)
                .doesNotContain(second);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not-an-email | | KEYHOLD_BOOTSTRAP_EMAIL must be an email address such as admin@example.com",
                "a@b          | short | KEYHOLD_BOOTSTRAP_API_KEY must be at least 16 characters",
                "a@b          | sixteen chars with spaces | KEYHOLD_BOOTSTRAP_API_KEY must be at least 16 characters"
            })
    void badSettingsAreRefusedWithTheFix(String email, String key, String message) {
        assertThatThrownBy(() -> BootstrapSettings.of(email, key, null, null, "/tmp"))
                .isInstanceOf(InvalidBootstrapSettingsException.class)
                .hasMessageContaining(message)
                .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(key == null ? "\0" : key));
    }

    @Test
    void badKeyFailsStartupWithTheFix() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(Keyhold.class).web(WebApplicationType.NONE);
        // command-line arguments, because they take precedence over application.yml
        String[] args = {
            "--spring.datasource.url=jdbc:h2:mem:bad-" + UUID.randomUUID() + ";MODE=PostgreSQL",
            "--keyhold.data-dir=" + this.dataDir,
            "--keyhold.bootstrap.api-key=too-short"
        };
        assertThatThrownBy(() -> app.run(args).close())
                .rootCause()
                .isInstanceOf(InvalidBootstrapSettingsException.class)
                .hasMessageContaining("KEYHOLD_BOOTSTRAP_API_KEY must be at least 16 characters");
    }

    @Test
    void generatedPasswordIsWrittenOwnerOnlyAndSignsTheOperatorIn(CapturedOutput output) throws Exception {
        String key = "configured-key-0123456789";
        this.bootstrap.run(settings(key, null));

        Path file = this.dataDir.resolve("bootstrap-credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Map<String, String> sourced = source(file);
        String password = sourced.get("KEYHOLD_DASHBOARD_PASSWORD");
        assertThat(password).matches("[A-Za-z0-9_-]{20}");
        assertThat(sourced.get("KEYHOLD_DASHBOARD_EMAIL")).isEqualTo(EMAIL);
        assertThat(sourced).doesNotContainKey("CLOUDFLARE_API_KEY");
        assertThat(Files.readString(file)).doesNotContain(key);

        assertThat(this.authenticator.password(EMAIL, password, "192.0.2.1").isOperator())
                .isTrue();
        assertThatThrownBy(() -> this.authenticator.password(EMAIL, password + "x", "192.0.2.1"))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageNotContaining(password);
        assertThat(output.getOut()).doesNotContain(password);
        String hash = this.jdbc
                .sql("select password_hash from users")
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(password);
    }

    @Test
    void passwordFromTheEnvironmentReplacesTheOperatorsPasswordOnALaterStart(CapturedOutput output) {
        String first = "first dashboard password";
        String second = "second dashboard password";
        this.bootstrap.run(settings("configured-key-0123456789", first));
        assertThat(this.dataDir.resolve("bootstrap-credentials")).doesNotExist();
        assertThat(output.getOut()).doesNotContain("Updated the dashboard password");
        this.bootstrap.run(settings("configured-key-0123456789", second));

        assertThat(this.authenticator.password(EMAIL, second, "192.0.2.2").isOperator())
                .isTrue();
        assertThatThrownBy(() -> this.authenticator.password(EMAIL, first, "192.0.2.2"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(output.getOut())
                .contains("Updated the dashboard password of operator " + EMAIL)
                .doesNotContain(first)
                .doesNotContain(second);
    }

    @Test
    void shortConfiguredPasswordFailsStartupWithTheFix() {
        assertThatThrownBy(() -> BootstrapSettings.of(EMAIL, null, "short", null, "/tmp"))
                .isInstanceOf(InvalidBootstrapSettingsException.class)
                .hasMessageContaining("KEYHOLD_BOOTSTRAP_PASSWORD must be at least 12 characters")
                .hasMessageNotContaining("short");
    }

    @Test
    void concurrentBootstrapsMakeExactlyOneOperatorAndOneAccount() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                emptyDatabase();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> nodes = new ArrayList<>();
                for (int node = 0; node < 2; node++) {
                    BootstrapSettings s = settings("node-key-0123456789-" + node);
                    nodes.add(pool.submit(() -> {
                        start.await();
                        return this.bootstrap.tryBootstrap(s);
                    }));
                }
                start.countDown();
                List<Boolean> won = new ArrayList<>();
                for (Future<Boolean> n : nodes) {
                    won.add(n.get());
                }
                assertThat(won).as("round " + round).containsExactlyInAnyOrder(true, false);
                assertThat(count("users")).isEqualTo(1);
                assertThat(count("accounts")).isEqualTo(1);
                assertThat(count("account_members")).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String table) {
        return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** Sources the file in a real shell, as an operator would, and returns what it set. */
    private static Map<String, String> source(Path file) throws Exception {
        Process bash = new ProcessBuilder(
                        "bash",
                        "-c",
                        "set -a; . \"$0\"; set +a; for v in CLOUDFLARE_EMAIL CLOUDFLARE_API_KEY KEYHOLD_ACCOUNT_ID "
                                + "KEYHOLD_DASHBOARD_EMAIL KEYHOLD_DASHBOARD_PASSWORD; do "
                                + "if [ -n \"${!v+x}\" ]; then echo \"$v=${!v}\"; fi; done",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(out).isZero();
        return out.lines().map(l -> l.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("keyhold-bootstrap");
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
