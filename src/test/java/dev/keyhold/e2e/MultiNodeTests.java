package dev.keyhold.e2e;

import static dev.keyhold.e2e.OperatorApi.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keyhold.support.Directories;
import dev.keyhold.support.Openssl;
import dev.keyhold.support.OpensslReport;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Keyhold processes on different ports sharing one PostgreSQL schema and one KEK keystore: both bootstrap the
 * empty database at once, serve the same accounts under concurrent load without lost or duplicated records, use
 * each other's sealed keys, and a token deleted on one node stops working on the other within a second.
 */
class MultiNodeTests {

    private static final String EMAIL = "ops@keyhold.test";
    private static final String API_KEY = "7c1e3a5b9d2f4e6a8c0b1d3f5e7a9c2b4d6e8";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Zone CSRs created under load, half through each node. */
    private static final int ZONE_CREATES = 60;
    /** Account CSRs created under load. */
    private static final int ACCOUNT_CREATES = 10;
    /** Client threads that alternate between the nodes. */
    private static final int CLIENTS = 6;
    /** How soon a deleted token must be refused on the other node. */
    private static final Duration REVOCATION_LIMIT = Duration.ofSeconds(1);
    /** Cloudflare's "SSL and Certificates Write" permission group. */
    private static final String SSL_WRITE_GROUP = "c03055bc037c4ea9afb9a9f104b7b721";

    @Test
    void twoNodesOnOnePostgresqlSchemaServeTheSameAccounts() throws Exception {
        long started = System.nanoTime();
        PostgresSchema database = PostgresSchema.create("kh_nodes_");
        String schema = database.name();

        Path root = Directories.createTemp("keyhold-e2e-nodes-");
        try (Openssl.ThrowawayCa ca = Openssl.throwawayCa()) {
            // NOTE: the KEK keystore is per data dir by default; every node must open the same keystore with the same
            // password, or a key sealed on one node cannot be unsealed on another. Whichever node starts first
            // creates the keystore (atomically); the other opens it.
            Path shared = Files.createDirectories(root.resolve("shared"));
            Path kekPassword = Files.writeString(shared.resolve("kek.p12.password"), "multi-node e2e kek password");
            Path anchors = Files.writeString(shared.resolve("customer-ca.pem"), ca.certificatePem());
            Map<String, String> a = nodeEnvironment(root.resolve("data-a"), shared, kekPassword, anchors, database);
            Map<String, String> b = nodeEnvironment(root.resolve("data-b"), shared, kekPassword, anchors, database);

            try (KeyholdProcess nodeA = KeyholdProcess.start("multinode-a", a);
                    KeyholdProcess nodeB = KeyholdProcess.start("multinode-b", b)) {
                Duration healthyA = nodeA.awaitHealthy();
                Duration healthyB = nodeB.awaitHealthy();
                System.out.printf(
                        "MultiNode: node A healthy after %d ms, node B after %d ms (started together)%n",
                        healthyA.toMillis(), healthyB.toMillis());

                // 1. one bootstrap between the two nodes
                try (Connection c = database.connect();
                        Statement s = c.createStatement()) {
                    assertThat(count(s, "select count(*) from " + schema + ".users where operator"))
                            .as("operators after two nodes bootstrapped one empty database")
                            .isEqualTo(1);
                    assertThat(count(s, "select count(*) from " + schema + ".accounts"))
                            .as("accounts after two nodes bootstrapped one empty database")
                            .isEqualTo(1);
                }
                assertThat(Stream.of(nodeA, nodeB)
                                .filter(n -> n.log().contains("Bootstrapped Keyhold: operator"))
                                .count())
                        .as("exactly one node bootstraps the empty database; the other uses its operator and account")
                        .isEqualTo(1);
                String accountId = accountId(nodeA);
                assertThat(accountId(nodeB))
                        .as("both nodes serve the same account")
                        .isEqualTo(accountId);

                String zoneId = result(
                                send(
                                        nodeA,
                                        "POST",
                                        "/zones",
                                        "{\"name\":\"nodes.keyhold.dev\",\"account\":{\"id\":\"" + accountId + "\"}}"),
                                200)
                        .path("id")
                        .asString();

                // 2. concurrent creates alternating between the nodes
                List<KeyholdProcess> nodes = List.of(nodeA, nodeB);
                Set<String> zoneCreated = ConcurrentHashMap.newKeySet();
                Set<String> accountCreated = ConcurrentHashMap.newKeySet();
                List<String> failures = new ArrayList<>();
                long loadStarted = System.nanoTime();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<?>> work = new ArrayList<>();
                    for (int i = 0; i < ZONE_CREATES + ACCOUNT_CREATES; i++) {
                        int n = i;
                        work.add(clients.submit(() -> {
                            KeyholdProcess node = nodes.get(n % 2);
                            boolean inZone = n < ZONE_CREATES;
                            String path = inZone
                                    ? "/zones/" + zoneId + "/custom_csrs"
                                    : "/accounts/" + accountId + "/custom_csrs";
                            HttpResponse<String> r = send(node, "POST", path, csrBody(n, inZone));
                            JsonNode body = JSON.readTree(r.body());
                            if (r.statusCode() == 201 && body.path("success").asBoolean()) {
                                String id = body.path("result").path("id").asString();
                                boolean fresh = (inZone ? zoneCreated : accountCreated).add(id);
                                if (!fresh) {
                                    synchronized (failures) {
                                        failures.add("create " + n + " on " + node + " returned a used id " + id);
                                    }
                                }
                            } else {
                                synchronized (failures) {
                                    failures.add(
                                            "create " + n + " on " + node + ": " + r.statusCode() + " " + r.body());
                                }
                            }
                        }));
                    }
                    for (Future<?> f : work) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                } finally {
                    clients.shutdownNow();
                }
                long loadMillis = (System.nanoTime() - loadStarted) / 1_000_000;
                System.out.printf(
                        "MultiNode: %d zone and %d account p256v1 CSRs created across two nodes by %d clients in %d ms"
                                + "%n",
                        zoneCreated.size(), accountCreated.size(), CLIENTS, loadMillis);
                assertThat(failures).as("every create succeeds on either node").isEmpty();
                assertThat(zoneCreated).hasSize(ZONE_CREATES);
                assertThat(accountCreated).hasSize(ACCOUNT_CREATES);

                for (KeyholdProcess node : nodes) {
                    Map<String, String> zoneListed = listAll(node, "/zones/" + zoneId + "/custom_csrs");
                    assertThat(zoneListed.keySet())
                            .as("zone CSRs listed by %s", node)
                            .isEqualTo(zoneCreated);
                    assertThat(new HashSet<>(zoneListed.values()))
                            .as("every zone CSR has its own key, so its own PEM (listed by %s)", node)
                            .hasSize(ZONE_CREATES);
                    Map<String, String> accountListed = listAll(node, "/accounts/" + accountId + "/custom_csrs");
                    assertThat(accountListed.keySet())
                            .as("account CSRs listed by %s", node)
                            .isEqualTo(accountCreated);
                }
                try (Connection c = database.connect();
                        Statement s = c.createStatement()) {
                    assertThat(count(s, "select count(distinct key_id) from " + schema + ".custom_csrs"))
                            .as("each CSR claimed its own key, once, across both nodes")
                            .isEqualTo(ZONE_CREATES + ACCOUNT_CREATES);
                }

                // 3. a key created on node A is used on node B: fetch, verify, certify, then delete there
                String[] ids = zoneCreated.stream().sorted().limit(2).toArray(String[]::new);
                String csrPath = "/zones/" + zoneId + "/custom_csrs/";
                String certifiedId = ids[0];
                String deletedId = ids[1];
                JsonNode fetched = result(send(nodeB, "GET", csrPath + certifiedId, null), 200);
                assertThat(fetched.path("id").asString()).isEqualTo(certifiedId);
                String csrPem = fetched.path("csr").asString();
                OpensslReport report = Openssl.inspect(csrPem);
                assertThat(report.signatureVerified())
                        .as("openssl verifies the CSR node B returns")
                        .isTrue();
                String certificate = ca.sign(csrPem);
                Map<String, Object> upload = new LinkedHashMap<>();
                upload.put("certificate", certificate);
                upload.put("custom_csr_id", certifiedId);
                upload.put("bundle_method", "ubiquitous");
                JsonNode uploaded = result(
                        send(
                                nodeB,
                                "POST",
                                "/zones/" + zoneId + "/custom_certificates",
                                JSON.writeValueAsString(upload)),
                        200);
                assertThat(uploaded.path("status").asString())
                        .as("a certificate for a key sealed on node A, uploaded through node B")
                        .isEqualTo("active");

                assertThat(result(send(nodeB, "GET", csrPath + deletedId, null), 200)
                                .path("id")
                                .asString())
                        .isEqualTo(deletedId);
                result(send(nodeB, "DELETE", csrPath + deletedId, null), 200);
                HttpResponse<String> again = send(nodeA, "DELETE", csrPath + deletedId, null);
                assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
                assertThat(JSON.readTree(again.body())
                                .path("errors")
                                .path(0)
                                .path("code")
                                .asInt())
                        .as(again.body())
                        .isEqualTo(1419);
                try (Connection c = database.connect();
                        Statement s = c.createStatement()) {
                    assertThat(count(
                                    s,
                                    "select count(*) from " + schema + ".custom_csrs where id = '" + deletedId + "'"))
                            .isZero();
                }

                // 4. a token created on A works on B and, once deleted on A, is refused on B within a second
                JsonNode token = result(
                        send(
                                nodeA,
                                "POST",
                                "/accounts/" + accountId + "/tokens",
                                "{\"name\":\"nodes-bot\","
                                        + "\"policies\":[{\"effect\":\"allow\",\"permission_groups\":[{\"id\":\""
                                        + SSL_WRITE_GROUP + "\"}],\"resources\":{\"com.cloudflare.api.account.zone."
                                        + zoneId + "\":\"*\"}}]}"),
                        200);
                String tokenId = token.path("id").asString();
                String bearer = token.path("value").asString();
                assertThat(bearer).as("the token's value is shown once").isNotBlank();
                String listPath = "/zones/" + zoneId + "/custom_csrs?per_page=5";
                HttpResponse<String> allowed = nodeB.get(listPath, "Authorization", "Bearer " + bearer);
                assertThat(allowed.statusCode())
                        .as("node A's token on node B: " + allowed.body())
                        .isEqualTo(200);

                result(send(nodeA, "DELETE", "/accounts/" + accountId + "/tokens/" + tokenId, null), 200);
                long deleted = System.nanoTime();
                HttpResponse<String> refused = null;
                long refusedAfter = -1;
                while (System.nanoTime() - deleted <= REVOCATION_LIMIT.toNanos()) {
                    HttpResponse<String> r = nodeB.get(listPath, "Authorization", "Bearer " + bearer);
                    if (r.statusCode() != 200) {
                        refused = r;
                        refusedAfter = (System.nanoTime() - deleted) / 1_000_000;
                        break;
                    }
                    Thread.sleep(20);
                }
                assertThat(refused)
                        .as(
                                "node B still accepted the token %d ms after node A deleted it",
                                REVOCATION_LIMIT.toMillis())
                        .isNotNull();
                System.out.printf("MultiNode: token deleted on node A refused on node B after %d ms%n", refusedAfter);
                assertThat(refused.statusCode()).as(refused.body()).isIn(401, 403);
                JsonNode envelope = JSON.readTree(refused.body());
                assertThat(envelope.path("success").isBoolean())
                        .as(refused.body())
                        .isTrue();
                assertThat(envelope.path("success").asBoolean())
                        .as(refused.body())
                        .isFalse();
                assertThat(envelope.path("errors").path(0).path("code").asInt())
                        .as(refused.body())
                        .isPositive();

                for (KeyholdProcess node : nodes) {
                    assertThat(node.log())
                            .as("%s log", node)
                            .doesNotContain("PRIVATE KEY")
                            .doesNotContain(API_KEY);
                }
                System.out.printf("MultiNode: whole test %d ms%n", (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            database.close();
            Directories.deleteQuietly(root);
        }
    }

    private static Map<String, String> nodeEnvironment(
            Path data, Path shared, Path kekPassword, Path anchors, PostgresSchema database) {
        Map<String, String> env = new LinkedHashMap<>(KeyholdProcess.environment(data, EMAIL, API_KEY));
        env.putAll(database.environment());
        env.put("KEYHOLD_KEK_KEYSTORE", shared.resolve("kek.p12").toString());
        env.put("KEYHOLD_KEK_PASSWORD_FILE", kekPassword.toString());
        env.put("KEYHOLD_EXTRA_TRUST_ANCHORS", anchors.toString());
        // NOTE: keep the two nodes' background RSA generation small on a 2-core machine; p256v1 is cheap
        env.put("KEYHOLD_KEY_POOL_RSA2048", "1");
        env.put("KEYHOLD_KEY_POOL_P256V1", "16");
        return env;
    }

    private static String csrBody(int n, boolean inZone) {
        String name = "n" + n + ".nodes.keyhold.dev";
        return "{\"country\":\"US\",\"state\":\"MA\",\"locality\":\"Boston\",\"organization\":\"Keyhold\","
                + "\"common_name\":\"" + name + "\",\"sans\":[\"" + name + "\"],\"key_type\":\"p256v1\""
                + (inZone ? "" : ",\"name\":\"account csr " + n + "\"") + "}";
    }

    /** Every item of a list endpoint, page by page, as id to CSR PEM; fails on an id listed twice. */
    private static Map<String, String> listAll(KeyholdProcess node, String path) {
        Map<String, String> items = new LinkedHashMap<>();
        for (int page = 1; page < 100; page++) {
            HttpResponse<String> r = send(node, "GET", path + "?per_page=25&page=" + page, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode result = JSON.readTree(r.body()).path("result");
            if (result.isEmpty()) {
                return items;
            }
            for (JsonNode item : result) {
                String previous = item.path("id").asString();
                assertThat(items.put(previous, item.path("csr").asString()))
                        .as("%s listed %s twice on %s", path, previous, node)
                        .isNull();
            }
        }
        return fail("more than 100 pages at " + path);
    }

    private static String accountId(KeyholdProcess node) {
        JsonNode accounts = result(send(node, "GET", "/accounts", null), 200);
        assertThat(accounts.size()).as(accounts.toString()).isEqualTo(1);
        return accounts.path(0).path("id").asString();
    }

    private static HttpResponse<String> send(KeyholdProcess node, String method, String apiPath, String body) {
        return OperatorApi.send(node, EMAIL, API_KEY, method, apiPath, body);
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
