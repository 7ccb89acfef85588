package dev.keyhold.e2e;

import static dev.keyhold.e2e.OperatorApi.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keyhold.support.Directories;
import dev.keyhold.support.Openssl;
import dev.keyhold.support.TestCa;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills Keyhold with SIGKILL in the middle of a storm of CSR creations and certificate uploads, on the embedded H2
 * database and on PostgreSQL, restarts it on the same data and KEK keystore, and proves that every acknowledged write
 * is there and usable and that nothing was left half-written.
 */
class CrashSafetyTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Concurrent clients in the storm. */
    private static final int CLIENTS = 8;
    /** Acknowledged CSRs (and certificates) before the kill: enough for every check to mean something. */
    private static final int MIN_CSRS = 40;

    private static final int MIN_CERTIFICATES = 8;
    /** Uncertified CSRs that get a certificate after the restart, to prove their keys still serve. */
    private static final int SAMPLE = 20;
    /** How long a start may take on a machine whose two cores other builds share. */
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(360);

    private static TestCa ca;
    private static Path root;

    @BeforeAll
    static void generateCa() {
        ca = TestCa.generate();
        root = Directories.createTemp("keyhold-e2e-crash-");
    }

    @AfterAll
    static void deleteFiles() {
        Directories.deleteQuietly(root);
    }

    @Test
    void acknowledgedWritesSurviveSigkillOnTheEmbeddedDatabase() throws Exception {
        Path data = root.resolve("h2-data");
        Map<String, String> env = environment(data);
        Verified verified = crashAndRestart("crash-h2", env);
        String url = "jdbc:h2:file:" + data.resolve("db").resolve("keyhold")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            verified.checkTables(c, null, data);
        }
    }

    @Test
    void acknowledgedWritesSurviveSigkillOnPostgresql() throws Exception {
        try (PostgresSchema database = PostgresSchema.create("kh_crash_")) {
            Map<String, String> env = environment(root.resolve("pg-data"));
            env.putAll(database.environment());
            Verified verified = crashAndRestart("crash-postgres", env);
            try (Connection c = database.connect()) {
                verified.checkTables(c, database.name(), root.resolve("pg-data"));
            }
        }
    }

    /** What the API showed after the restart, to hold the stopped server's tables against. */
    private record Verified(int csrs, int certificates, Map<String, CrashStorm.Csr> acknowledged) {

        /** The table invariants, and every acknowledged CSR's sealed key opened with the KEK and signing for it. */
        void checkTables(Connection c, String schema, Path data) throws Exception {
            StoredInvariants invariants = new StoredInvariants(c, schema);
            invariants.check(this.csrs, this.certificates, intermediateFingerprint());
            SealedKeyProbe keys = new SealedKeyProbe(data.resolve("kek.p12"), data.resolve("kek.p12.password"));
            for (CrashStorm.Csr csr : this.acknowledged.values()) {
                assertThat(keys.signsFor(c, schema, csr.id(), csr.pem()))
                        .as("the sealed %s key of CSR %s opens and signs for the CSR", csr.keyType(), csr.id())
                        .isTrue();
            }
            System.out.printf(
                    "CrashSafety: tables consistent, %d sealed keys sign for their CSRs; pooled keys left %s%n",
                    this.acknowledged.size(), invariants.pooled());
        }
    }

    private static Verified crashAndRestart(String name, Map<String, String> env) throws Exception {
        CrashStorm storm;
        String zoneId;
        String accountId;
        try (KeyholdProcess first = KeyholdProcess.start(name, env)) {
            first.awaitHealthy(STARTUP_LIMIT);
            accountId = result(CrashStorm.get(first, "/accounts"), 200)
                    .path(0)
                    .path("id")
                    .asString();
            zoneId = result(
                            CrashStorm.post(
                                    first,
                                    "/zones",
                                    Map.of("name", "crash.keyhold.dev", "account", Map.of("id", accountId))),
                            200)
                    .path("id")
                    .asString();
            storm = new CrashStorm(first, zoneId, accountId, ca);
            long started = System.nanoTime();
            storm.start(CLIENTS);
            // NOTE: the kill lands 3 to 6 s in, and never before enough writes are acknowledged
            Duration after = Duration.ofMillis(ThreadLocalRandom.current().nextLong(3_000, 6_000));
            int exit = storm.killWhen(MIN_CSRS, SAMPLE, MIN_CERTIFICATES, after, Duration.ofSeconds(90));
            System.out.printf(
                    "CrashSafety %s: killed after %d ms with %d CSRs and %d certificates acknowledged, %d creations"
                            + " and %d uploads unanswered%n",
                    name,
                    (System.nanoTime() - started) / 1_000_000,
                    storm.csrs().size(),
                    storm.certificates().size(),
                    storm.unansweredCreates(),
                    storm.unansweredUploads());
            assertThat(exit)
                    .as("exit code of a JVM killed by SIGKILL (128 + 9)")
                    .isEqualTo(137);
            assertThat(first.log())
                    .as("a JVM killed by SIGKILL runs no shutdown hook")
                    .doesNotContain("Commencing graceful shutdown")
                    .doesNotContain("Shutdown initiated");
            assertThat(storm.failures())
                    .as("requests refused or failed before the kill")
                    .isEmpty();
        }

        try (KeyholdProcess restarted = KeyholdProcess.start(name + "-restarted", env)) {
            restarted.awaitHealthy(STARTUP_LIMIT);
            Verified verified = verify(restarted, storm, zoneId, accountId);
            assertThat(restarted.log())
                    .as("the restarted node's log")
                    .doesNotContain("A stored key is unusable")
                    .doesNotContain("PRIVATE KEY");
            return verified;
        }
    }

    private static Verified verify(KeyholdProcess node, CrashStorm storm, String zoneId, String accountId)
            throws Exception {
        Map<String, CrashStorm.Csr> csrs = storm.csrs();
        List<String> lostCsrs = csrs.values().stream()
                .filter(c -> status(node, c.path()) == 404)
                .map(CrashStorm.Csr::id)
                .toList();
        List<String> lostCertificates = storm.certificates().keySet().stream()
                .filter(id -> status(node, "/zones/" + zoneId + "/custom_certificates/" + id) == 404)
                .toList();
        assertThat(lostCsrs)
                .as("acknowledged CSRs lost by the crash (of %d)", csrs.size())
                .isEmpty();
        assertThat(lostCertificates)
                .as(
                        "acknowledged certificates lost by the crash (of %d)",
                        storm.certificates().size())
                .isEmpty();
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (CrashStorm.Csr csr : csrs.values()) {
                checks.add(workers.submit(() -> {
                    JsonNode stored = result(CrashStorm.get(node, csr.path()), 200);
                    assertThat(stored.path("csr").asString())
                            .as("CSR %s after the crash", csr.id())
                            .isEqualTo(csr.pem());
                    assertThat(Openssl.inspect(csr.pem()).signatureVerified())
                            .as("openssl req -verify of CSR %s", csr.id())
                            .isTrue();
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get();
            }
        } finally {
            workers.shutdownNow();
        }

        Map<String, String> certificateCsrs = new LinkedHashMap<>();
        for (CrashStorm.Certificate certificate : storm.certificates().values()) {
            JsonNode stored =
                    result(CrashStorm.get(node, "/zones/" + zoneId + "/custom_certificates/" + certificate.id()), 200);
            assertThat(stored.path("status").asString())
                    .as("certificate %s after the crash", certificate.id())
                    .isEqualTo("active");
            assertThat(stored.path("custom_csr_id").asString()).isEqualTo(certificate.csrId());
            certificateCsrs.put(certificate.id(), certificate.csrId());
        }

        List<CrashStorm.Csr> uncertified = new ArrayList<>(storm.uncertified());
        assertThat(uncertified)
                .as("uncertified CSRs to certify after the restart")
                .hasSizeGreaterThanOrEqualTo(SAMPLE);
        Collections.shuffle(uncertified);
        for (CrashStorm.Csr csr : uncertified.subList(0, SAMPLE)) {
            JsonNode uploaded = result(
                    CrashStorm.post(node, "/zones/" + zoneId + "/custom_certificates", CrashStorm.uploadBody(ca, csr)),
                    200);
            assertThat(uploaded.path("status").asString())
                    .as("a certificate for %s CSR %s, issued after the crash", csr.keyType(), csr.id())
                    .isEqualTo("active");
            certificateCsrs.put(uploaded.path("id").asString(), csr.id());
        }

        Set<String> listedCsrs = new HashSet<>(listAll(node, "/zones/" + zoneId + "/custom_csrs"));
        listedCsrs.addAll(listAll(node, "/accounts/" + accountId + "/custom_csrs"));
        assertThat(listedCsrs).as("CSRs listed after the crash").containsAll(csrs.keySet());
        assertThat(listedCsrs.size() - csrs.size())
                .as("CSRs stored without an answer: at most the creations in flight at the kill")
                .isBetween(0, storm.unansweredCreates());
        List<String> listedCertificates = listAll(node, "/zones/" + zoneId + "/custom_certificates");
        assertThat(listedCertificates).as("certificates listed after the crash").containsAll(certificateCsrs.keySet());
        assertThat(listedCertificates.size() - certificateCsrs.size())
                .as("certificates stored without an answer: at most the uploads in flight at the kill")
                .isBetween(0, storm.unansweredUploads());
        return new Verified(listedCsrs.size(), listedCertificates.size(), csrs);
    }

    /** Every id of a list, page by page; the list's total_count must equal the rows it listed. */
    private static List<String> listAll(KeyholdProcess node, String path) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int page = 1; page < 1000; page++) {
            HttpResponse<String> r = CrashStorm.get(node, path + "?per_page=50&page=" + page);
            JsonNode envelope = JSON.readTree(r.body());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode result = envelope.path("result");
            if (result.isEmpty()) {
                assertThat(envelope.path("result_info").path("total_count").asLong())
                        .as("total_count of %s against the rows it listed", path)
                        .isEqualTo(ids.size());
                assertThat(new HashSet<>(ids))
                        .as("%s lists each row once", path)
                        .hasSize(ids.size());
                return ids;
            }
            result.forEach(item -> ids.add(item.path("id").asString()));
        }
        return fail("more than 1000 pages at " + path);
    }

    private static Map<String, String> environment(Path data) throws Exception {
        Map<String, String> env =
                new LinkedHashMap<>(KeyholdProcess.environment(data, CrashStorm.EMAIL, CrashStorm.API_KEY));
        Path anchors = root.resolve("test-root.pem");
        if (!Files.exists(anchors)) {
            Files.writeString(anchors, ca.root().pem());
        }
        env.put("KEYHOLD_EXTRA_TRUST_ANCHORS", anchors.toString());
        env.put("KEYHOLD_RATE_LIMIT_REQUESTS", "0"); // the storm drives one credential far past Cloudflare's limit
        // NOTE: a small pool, so creations both claim pooled keys and generate inline while the kill lands
        env.put("KEYHOLD_KEY_POOL_RSA2048", "4");
        env.put("KEYHOLD_KEY_POOL_P256V1", "16");
        return env;
    }

    private static String intermediateFingerprint() throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(ca.intermediate().certificate().getEncoded()));
    }

    private static int status(KeyholdProcess node, String path) {
        try {
            return CrashStorm.get(node, path).statusCode();
        } catch (Exception ex) {
            return fail("GET " + path + " failed", ex);
        }
    }
}
