package dev.keyhold.e2e;

import static dev.keyhold.e2e.OperatorApi.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.Directories;
import dev.keyhold.support.Openssl;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar keyhold.jar kek rotate} against a serving Keyhold on PostgreSQL: a first run is SIGKILLed midway
 * while CSRs keep being created, a second run finishes without adding another KEK, the old KEK is retired, and after
 * a restart without it every key still signs (new CSRs from re-sealed pooled keys, certificates uploaded for the old
 * CSRs, and {@code kek verify} over every stored key).
 */
class KekRotationTests {

    private static final String EMAIL = "kek@keyhold.test";
    private static final String API_KEY = "0d2f4b6c8e1a3c5e7a9b1d3f5a7c9e1b3d5f7";
    private static final String KEK_PASSWORD = "e2e kek rotation keystore password";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CSRS = 12;

    @Test
    void aKilledRotationResumesWhileServingAndEveryKeySignsAfterTheOldKekIsRetired() throws Exception {
        long started = System.nanoTime();
        PostgresSchema database = PostgresSchema.create("kh_kek_");
        String schema = database.name();
        Path root = Directories.createTemp("keyhold-e2e-kek-");
        try (Openssl.ThrowawayCa ca = Openssl.throwawayCa()) {
            Path shared = Files.createDirectories(root.resolve("shared"));
            Path password = Files.writeString(shared.resolve("kek.p12.password"), KEK_PASSWORD);
            Path anchors = Files.writeString(shared.resolve("customer-ca.pem"), ca.certificatePem());
            Map<String, String> env =
                    new LinkedHashMap<>(KeyholdProcess.environment(root.resolve("data"), EMAIL, API_KEY));
            env.putAll(database.environment());
            env.put("KEYHOLD_KEK_KEYSTORE", shared.resolve("kek.p12").toString());
            env.put("KEYHOLD_KEK_PASSWORD_FILE", password.toString());
            env.put("KEYHOLD_EXTRA_TRUST_ANCHORS", anchors.toString());
            env.put("KEYHOLD_KEY_POOL_RSA2048", "0");
            env.put("KEYHOLD_KEY_POOL_P256V1", "4");

            String zoneId;
            List<String> csrIds = new ArrayList<>();
            try (KeyholdProcess server = KeyholdProcess.start("kek-server", env)) {
                server.awaitHealthy();
                String accountId = result(send(server, "GET", "/accounts", null), 200)
                        .path(0)
                        .path("id")
                        .asString();
                zoneId = result(
                                send(
                                        server,
                                        "POST",
                                        "/zones",
                                        "{\"name\":\"kek.keyhold.dev\",\"account\":{\"id\":\"" + accountId + "\"}}"),
                                200)
                        .path("id")
                        .asString();
                for (int i = 0; i < CSRS; i++) {
                    csrIds.add(createCsr(server, zoneId, "before" + i));
                }
                int total = count(database, "select count(*) from " + schema + ".sealed_keys");

                // 1. a slow rotation (one key per batch, a pause between batches) is SIGKILLed midway
                Map<String, String> slow = new LinkedHashMap<>(env);
                slow.put("KEYHOLD_KEK_ROTATE_BATCH_SIZE", "1");
                slow.put("KEYHOLD_KEK_ROTATE_PAUSE", "400ms");
                Process first = KeyholdProcess.command("kek-rotate-killed", slow, List.of("kek", "rotate"));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                int servedDuringRotation = 0;
                while (count(database, "select count(*) from " + schema + ".sealed_keys where kek_version = 2") < 3) {
                    assertThat(first.isAlive())
                            .as("the first rotation run is still running")
                            .isTrue();
                    assertThat(System.nanoTime())
                            .as("the rotation re-sealed 3 keys in time")
                            .isLessThan(deadline);
                    csrIds.add(createCsr(server, zoneId, "during" + servedDuringRotation++));
                    Thread.sleep(100);
                }
                first.destroyForcibly(); // SIGKILL
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
                assertThat(count(database, "select count(*) from " + schema + ".sealed_keys where kek_version = 1"))
                        .as("keys the killed run had not re-sealed yet")
                        .isPositive();
                csrIds.add(createCsr(server, zoneId, "afterkill"));

                // 2. the second run resumes the same rotation and completes it; a third has nothing to do
                String resumed = kek("kek-rotate-resumed", env, 0, "rotate");
                assertThat(resumed).contains("Resuming the rotation to kek-2").contains("Rotation to kek-2 complete");
                assertThat(kek("kek-rotate-again", env, 0, "rotate")).contains("Nothing to do");
                assertThat(count(database, "select count(*) from " + schema + ".sealed_keys where kek_version <> 2"))
                        .as("keys under another KEK than kek-2")
                        .isZero();
                assertThat(count(database, "select max(kek_version) from " + schema + ".kek_checks"))
                        .as("no KEK beyond kek-2 was made")
                        .isEqualTo(2);
                assertThat(count(database, "select count(*) from " + schema + ".sealed_keys"))
                        .as("no key lost")
                        .isGreaterThanOrEqualTo(total + servedDuringRotation + 1);
                csrIds.add(createCsr(server, zoneId, "afterrotation"));

                // 3. the old KEK is retired while the server keeps running
                assertThat(kek("kek-retire", env, 0, "retire", "1")).contains("Removed kek-1 from the keystore");
                String status = kek("kek-status", env, 0, "status");
                assertThat(status)
                        .contains("kek-1: not in the keystore (retired); 0 local key(s)")
                        .contains("kek-2: in the keystore, newest: seals new keys")
                        .doesNotContain(KEK_PASSWORD);
            }

            // 4. restarted without kek-1, the server serves every CSR and signs with keys re-sealed under kek-2
            try (KeyholdProcess server = KeyholdProcess.start("kek-server-restarted", env)) {
                server.awaitHealthy();
                for (String id : List.of(csrIds.get(0), csrIds.get(CSRS - 1), csrIds.get(csrIds.size() - 1))) {
                    String csrPem = result(send(server, "GET", "/zones/" + zoneId + "/custom_csrs/" + id, null), 200)
                            .path("csr")
                            .asString();
                    JsonNode uploaded = result(
                            send(
                                    server,
                                    "POST",
                                    "/zones/" + zoneId + "/custom_certificates",
                                    JSON.writeValueAsString(Map.of(
                                            "certificate",
                                            ca.sign(csrPem),
                                            "custom_csr_id",
                                            id,
                                            "bundle_method",
                                            "ubiquitous"))),
                            200);
                    assertThat(uploaded.path("status").asString()).isEqualTo("active");
                }
                for (int i = 0; i < 4; i++) { // the pool's keys were sealed under kek-1, then re-sealed
                    String id = createCsr(server, zoneId, "restarted" + i);
                    String csrPem = result(send(server, "GET", "/zones/" + zoneId + "/custom_csrs/" + id, null), 200)
                            .path("csr")
                            .asString();
                    assertThat(Openssl.inspect(csrPem).signatureVerified())
                            .as("openssl verifies a CSR signed after the restart")
                            .isTrue();
                }
                String verified = kek("kek-verify", env, 0, "verify");
                int keys = count(database, "select count(*) from " + schema + ".sealed_keys");
                assertThat(verified).contains("Checked " + keys + " key(s): each unseals and signs");
                assertThat(server.log()).doesNotContain("PRIVATE KEY").doesNotContain(KEK_PASSWORD);
            }
            System.out.printf("KekRotation: whole test %d ms%n", (System.nanoTime() - started) / 1_000_000);
        } finally {
            database.close();
            Directories.deleteQuietly(root);
        }
    }

    /** Runs {@code kek <args>} to completion, checks its exit code, and returns its output. */
    private static String kek(String name, Map<String, String> env, int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kek"));
        command.addAll(List.of(args));
        Process process = KeyholdProcess.command(name, env, command);
        Path log = KeyholdProcess.targetDir().resolve("e2e").resolve(name + ".log");
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish; output:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(name + " output:\n" + output).isEqualTo(expectedExit);
        return output;
    }

    private static String createCsr(KeyholdProcess server, String zoneId, String label) {
        String name = label + ".kek.keyhold.dev";
        return result(
                        send(
                                server,
                                "POST",
                                "/zones/" + zoneId + "/custom_csrs",
                                "{\"country\":\"US\",\"state\":\"MA\",\"locality\":\"Boston\","
                                        + "\"organization\":\"Keyhold\",\"common_name\":\"" + name + "\",\"sans\":[\""
                                        + name + "\"],\"key_type\":\"p256v1\"}"),
                        201)
                .path("id")
                .asString();
    }

    private static HttpResponse<String> send(KeyholdProcess node, String method, String apiPath, String body) {
        return OperatorApi.send(node, EMAIL, API_KEY, method, apiPath, body);
    }

    private static int count(PostgresSchema database, String sql) throws SQLException {
        try (Connection c = database.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
