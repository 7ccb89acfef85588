package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.Directories;
import dev.keyhold.support.SoftHsm;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starts the packaged jar the way an operator does: first start, restart, bad configuration, PostgreSQL. */
class JarStartupTests {

    private static final String EMAIL = "ops@keyhold.test";
    private static final String API_KEY = "3b5d7f9a1c2e4f6a8b0d1e3f5a7c9e2b4d6f8";
    private static final String CREDENTIALS = "bootstrap-credentials";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Path data;

    @BeforeEach
    void createDataDirParent() {
        data = Directories.createTemp("keyhold-e2e-startup-").resolve("data");
    }

    @AfterEach
    void deleteDataDir() {
        Directories.deleteQuietly(data.getParent());
    }

    @Test
    void firstStartWritesAPrivateCredentialsFileThatWorksAndARestartKeepsIt() throws IOException {
        Path credentials = data.resolve(CREDENTIALS);
        String email;
        String key;
        String accountId;
        try (KeyholdProcess first =
                KeyholdProcess.start("startup-first", KeyholdProcess.environment(data, null, null))) {
            first.awaitHealthy();

            assertThat(credentials).as("%s after the first start", credentials).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                    .isEqualTo("rw-------");
            Map<String, String> values = shellAssignments(Files.readString(credentials));
            email = values.get("CLOUDFLARE_EMAIL");
            key = values.get("CLOUDFLARE_API_KEY");
            assertThat(email)
                    .as("CLOUDFLARE_EMAIL in %s: %s", CREDENTIALS, values.keySet())
                    .contains("@");
            assertThat(key)
                    .as("CLOUDFLARE_API_KEY in %s: %s", CREDENTIALS, values.keySet())
                    .hasSizeGreaterThan(20);
            String password = values.get("KEYHOLD_DASHBOARD_PASSWORD");
            assertThat(password)
                    .as("KEYHOLD_DASHBOARD_PASSWORD in %s: %s", CREDENTIALS, values.keySet())
                    .hasSize(20);
            assertThat(first.page("/sign-in").body())
                    .as("the sign-in page tells where the password is")
                    .contains("bootstrap-credentials");
            assertThat(first.log()).doesNotContain(password);

            accountId = defaultAccountId(first, email, key);
            assertThat(first.get("/accounts", "X-Auth-Email", email, "X-Auth-Key", key + "0")
                            .statusCode())
                    .as("a wrong key must be refused")
                    .isBetween(400, 403);
            String log = first.log();
            assertThat(log).as("the log must say where the credentials are").contains(credentials.toString());
            assertThat(log).as("the log must never print the key").doesNotContain(key);
        }
        String written = Files.readString(credentials);
        FileTime modified = Files.getLastModifiedTime(credentials);

        try (KeyholdProcess second =
                KeyholdProcess.start("startup-second", KeyholdProcess.environment(data, null, null))) {
            second.awaitHealthy();

            assertThat(defaultAccountId(second, email, key))
                    .as("the same account after a restart")
                    .isEqualTo(accountId);
            assertThat(Files.readString(credentials)).isEqualTo(written);
            assertThat(Files.getLastModifiedTime(credentials))
                    .as("the file must not be rewritten")
                    .isEqualTo(modified);
            assertThat(second.log()).doesNotContain(key);
        }
    }

    @Test
    void reportsHealthUpWithinSixtySecondsWithConfiguredCredentials() {
        try (KeyholdProcess keyhold =
                KeyholdProcess.start("startup-timed", KeyholdProcess.environment(data, EMAIL, API_KEY))) {
            Duration toHealthy = keyhold.awaitHealthy();
            System.out.printf(
                    "Keyhold: %d ms from process start to health UP (limit %d s)%n",
                    toHealthy.toMillis(), KeyholdProcess.STARTUP_LIMIT.toSeconds());

            assertThat(toHealthy).isLessThan(KeyholdProcess.STARTUP_LIMIT);
            assertThat(defaultAccountId(keyhold, EMAIL, API_KEY)).matches("[0-9a-f]{32}");
            assertThat(data.resolve(CREDENTIALS))
                    .as("no file when the key and the password are configured")
                    .doesNotExist();
            assertThat(keyhold.log()).doesNotContain(API_KEY).doesNotContain(KeyholdProcess.DASHBOARD_PASSWORD);
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            KEYHOLD_KEYS_BACKEND | bogus     | local
            KEYHOLD_NAMES_POLICY | bogus     | cloudflare private
            KEYHOLD_DATA_DIR     | <a file>  | directory
            """)
    void refusesBadConfigurationQuicklyWithTheFix(String variable, String value, String fixWords) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(KeyholdProcess.environment(data, EMAIL, API_KEY));
        String shown = value;
        if (value.equals("<a file>")) {
            Path file = Files.writeString(data.getParent().resolve("not-a-directory"), "x");
            shown = file.toString();
        }
        env.put(variable, shown);

        try (KeyholdProcess keyhold = KeyholdProcess.start("bad-config-" + variable.toLowerCase(), env)) {
            int exit = keyhold.awaitExit(KeyholdProcess.STARTUP_LIMIT);
            String log = keyhold.log();

            assertThat(exit).as(log).isNotZero();
            assertThat(log).as("the message must name the bad value").contains(shown);
            for (String word : fixWords.split(" ")) {
                assertThat(log).as("the message must give the fix (%s)", word).containsIgnoringCase(word);
            }
            assertThat(log).doesNotContain("Started Keyhold");
        }
    }

    @Test
    void runsOnPostgresqlInItsOwnSchema() throws SQLException {
        try (PostgresSchema schema = PostgresSchema.create("kh_")) {
            Map<String, String> env = new LinkedHashMap<>(KeyholdProcess.environment(data, EMAIL, API_KEY));
            env.putAll(schema.environment());
            try (KeyholdProcess keyhold = KeyholdProcess.start("startup-postgres", env)) {
                keyhold.awaitHealthy();
                String accountId = defaultAccountId(keyhold, EMAIL, API_KEY);

                try (Connection c = schema.connect();
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select id from " + schema.name() + ".accounts")) {
                    assertThat(rs.next())
                            .as("the account row is in PostgreSQL schema " + schema.name())
                            .isTrue();
                    assertThat(rs.getString(1).strip()).isEqualTo(accountId);
                }
                assertThat(data.resolve("db"))
                        .as("no embedded H2 database when PostgreSQL is configured")
                        .doesNotExist();
            }
        }
    }

    @Test
    void keepsKeysOnAPkcs11TokenChosenByItsLabel() {
        // NOTE: its own SoftHSM2 store: the label lookup goes through the JDK's PKCS#11 wrapper, which `java -jar`
        // may only call because the jar's manifest exports it (Add-Exports)
        Path softhsm = data.getParent().resolve("softhsm2");
        Path conf = softhsm.resolve("softhsm2.conf");
        Map<String, String> hsm = Map.of("SOFTHSM2_CONF", conf.toString());
        try {
            Files.createDirectories(softhsm.resolve("tokens"));
            Files.writeString(
                    conf,
                    "directories.tokendir = " + softhsm.resolve("tokens") + "\nobjectstore.backend = file\n"
                            + "log.level = ERROR\n");
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        for (String label : List.of("other-team", "keyhold-e2e")) {
            int exit = KeyholdProcess.run(
                    List.of(
                            "softhsm2-util",
                            "--init-token",
                            "--free",
                            "--label",
                            label,
                            "--so-pin",
                            "5678",
                            "--pin",
                            "e2e-pin-4321"),
                    softhsm,
                    hsm,
                    softhsm.resolve("init-" + label + ".log"),
                    Duration.ofSeconds(30));
            assertThat(exit).as("softhsm2-util --init-token " + label).isZero();
        }
        Map<String, String> env = new LinkedHashMap<>(KeyholdProcess.environment(data, EMAIL, API_KEY));
        env.putAll(hsm);
        env.put("KEYHOLD_KEYS_BACKEND", "pkcs11");
        env.put("KEYHOLD_PKCS11_LIBRARY", SoftHsm.library().toString());
        env.put("KEYHOLD_PKCS11_TOKEN_LABEL", "keyhold-e2e");
        env.put("KEYHOLD_PKCS11_PIN", "e2e-pin-4321");

        try (KeyholdProcess keyhold = KeyholdProcess.start("startup-pkcs11-label", env)) {
            keyhold.awaitHealthy();

            assertThat(defaultAccountId(keyhold, EMAIL, API_KEY)).matches("[0-9a-f]{32}");
            assertThat(keyhold.log())
                    .contains("Keys are generated on the PKCS#11 token in the token labelled 'keyhold-e2e' of "
                            + SoftHsm.library())
                    .doesNotContain("e2e-pin-4321");
        }
    }

    /** GET /accounts as the operator; asserts the bootstrap account and returns its id. */
    private static String defaultAccountId(KeyholdProcess keyhold, String email, String key) {
        HttpResponse<String> response = keyhold.get("/accounts", "X-Auth-Email", email, "X-Auth-Key", key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("success").asBoolean()).as(response.body()).isTrue();
        JsonNode account = body.path("result").path(0);
        assertThat(account.path("id").asString()).as(response.body()).matches("[0-9a-f]{32}");
        assertThat(account.path("name").asString()).isEqualTo("Default account");
        assertThat(account.path("entitlements").path("custom_csrs").asBoolean())
                .as(response.body())
                .isTrue();
        assertThat(account.path("entitlements").path("account_custom_csrs").asBoolean())
                .as(response.body())
                .isTrue();
        return account.path("id").asString();
    }

    /** {@code NAME=value} lines of a shell-sourceable file; quotes around a value are removed. */
    static Map<String, String> shellAssignments(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.lines().map(String::strip).toList()) {
            String assignment = line.startsWith("export ") ? line.substring(7).strip() : line;
            int eq = assignment.indexOf('=');
            if (assignment.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = assignment.substring(eq + 1).strip();
            if (value.length() >= 2
                    && (value.startsWith("'") && value.endsWith("'")
                            || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(assignment.substring(0, eq).strip(), value);
        }
        return values;
    }
}
