package dev.keyhold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The PostgreSQL groups on one schema: CSR creation, certificate upload, two nodes against one, and reads over
 * 10 thousand to 1 million CSRs of one zone seeded by SQL. Node A runs throughout; node B only for the two-node rows.
 */
final class PostgresGroup {

    static final String CREATE = "PostgreSQL: creating CSRs";
    static final String UPLOAD = "PostgreSQL: certificate upload with chain validation";
    static final String NODES = "PostgreSQL: two nodes on one database versus one";
    static final String READS = "PostgreSQL: reads over a large zone (seeded by SQL)";
    private static final String DB = "PostgreSQL";

    private final Suite suite;
    private final Settings settings;
    private final Servers servers;
    private final Bench.Database database;
    private final ThrowawayCa ca;
    private final double keygenCapacity;

    PostgresGroup(
            Suite suite,
            Settings settings,
            Servers servers,
            Bench.Database database,
            ThrowawayCa ca,
            double keygenCapacity) {
        this.suite = suite;
        this.settings = settings;
        this.servers = servers;
        this.database = database;
        this.ca = ca;
        this.keygenCapacity = keygenCapacity;
    }

    /** Runs the groups and returns PostgreSQL's version. */
    String run() throws Exception {
        KeyholdServer a;
        try {
            a = this.servers.start("pg-a", this.database.environment());
        } catch (RuntimeException ex) {
            this.suite.failed(CREATE, "start", DB, "-", Suite.Target.none(), ex);
            return "unknown (node A did not start)";
        }
        try (Seeder seeder = new Seeder(
                this.database.url(),
                this.database.user(),
                this.database.password(),
                this.database.schema(),
                this.settings.seedBatch())) {
            Api api = new Api(this.suite.driver().http(), a.baseUrl(), Bench.EMAIL, Bench.API_KEY);
            Workloads w = new Workloads(this.suite, this.settings, api, DB, CREATE);
            w.warmup(a);
            step(CREATE, () -> creates(a, api, w));
            step(UPLOAD, () -> uploads(a, api, w));
            step(NODES, () -> nodes(a, api, w.inGroup(NODES)));
            step(READS, () -> new ReadsGroup(this.settings, seeder, a, api, w.inGroup(READS)).run());
            return seeder.version();
        } finally {
            this.suite.startup(a, DB);
            a.stop();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String group, Step step) {
        try {
            step.run();
        } catch (Exception | Error ex) {
            this.suite.failed(group, "setup", DB, "-", Suite.Target.none(), ex);
        }
    }

    private void creates(KeyholdServer a, Api api, Workloads w) {
        String zone = Servers.label("pgz") + ".keyhold.dev";
        String zoneId = api.createZone(zone);
        w.rsaSteady(a, zoneId, zone);
        w.rsaFlat(a, zoneId, zone, this.keygenCapacity);
        w.p256Create("create p256v1", List.of(a), List.of(api), zoneId, zone, null);
    }

    private void uploads(KeyholdServer a, Api api, Workloads w) throws Exception {
        String zone = Servers.label("upz") + ".keyhold.dev";
        String zoneId = api.createZone(zone);
        int n = this.settings.uploads();
        System.err.println("bench: upload setup: " + n + " p256v1 CSRs through the API, signed by the throwaway CA");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String[]>> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(pool.submit(() -> {
                JsonNode r = api.call(api.post(
                                "/zones/" + zoneId + "/custom_csrs", Api.csrBody(Workloads.name(), zone, "p256v1")))
                        .path("result");
                return new String[] {
                    r.path("id").asText(), this.ca.sign(r.path("csr").asText())
                };
            }));
        }
        ConcurrentLinkedQueue<String[]> queue = new ConcurrentLinkedQueue<>();
        for (Future<String[]> f : made) {
            queue.add(f.get());
        }
        pool.shutdown();
        this.suite.closed(
                UPLOAD,
                "upload certificate for a CSR (leaf + intermediate, ubiquitous), " + n + " once each",
                DB,
                List.of(a),
                this.settings.uploadClients(),
                Duration.ofMinutes(10),
                Suite.draining(
                        queue,
                        c -> api.post("/zones/" + zoneId + "/custom_certificates", Api.certificateBody(c[1], c[0]))),
                null,
                Targets.upload(),
                "ends when every certificate is uploaded");
    }

    private void nodes(KeyholdServer a, Api api, Workloads w) {
        String zone = Servers.label("nodez") + ".keyhold.dev";
        String zoneId = api.createZone(zone);
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        w.p256Create("create p256v1, node A alone", List.of(a), List.of(api), zoneId, zone, ids);
        w.getById("get CSR by id, node A alone", List.of(a), List.of(api), zoneId, ids);
        // NOTE: README "Running several nodes": same database, same KEK keystore and password, own data dir and port
        Map<String, String> env = new LinkedHashMap<>(this.database.environment());
        env.put(
                "KEYHOLD_KEK_KEYSTORE",
                this.servers.dataDir("pg-a").resolve("kek.p12").toString());
        env.put(
                "KEYHOLD_KEK_PASSWORD_FILE",
                this.servers.dataDir("pg-a").resolve("kek.p12.password").toString());
        KeyholdServer b = this.servers.start("pg-b", env);
        try {
            Api apiB = new Api(this.suite.driver().http(), b.baseUrl(), Bench.EMAIL, Bench.API_KEY);
            new Workloads(this.suite, this.settings, apiB, DB, NODES).warmup(b);
            w.p256Create("create p256v1, nodes A+B", List.of(a, b), List.of(api, apiB), zoneId, zone, ids);
            w.getById("get CSR by id, nodes A+B", List.of(a, b), List.of(api, apiB), zoneId, ids);
        } finally {
            this.suite.startup(b, DB + " (second node)");
            b.stop();
        }
    }
}
