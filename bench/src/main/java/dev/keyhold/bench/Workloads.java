package dev.keyhold.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load phases of the scenarios against one database: CSR creation (open model and closed loop), reads by id and
 * list pages. With several APIs (nodes), client {@code i} talks to node {@code i mod n}.
 */
final class Workloads {

    private static final AtomicLong NAMES = new AtomicLong();

    private final Suite suite;
    private final Settings settings;
    private final Api api;
    private final String database;
    private final String group;

    Workloads(Suite suite, Settings settings, Api api, String database, String group) {
        this.suite = suite;
        this.settings = settings;
        this.api = api;
        this.database = database;
        this.group = group;
    }

    Workloads inGroup(String otherGroup) {
        return new Workloads(this.suite, this.settings, this.api, this.database, otherGroup);
    }

    /** Unrecorded p256v1 creates and reads so the first measured scenario does not pay for JIT compilation. */
    void warmup(KeyholdServer server) {
        String zone = Servers.label("warm") + ".keyhold.dev";
        String zoneId = this.api.createZone(zone);
        System.err.println("bench: warm-up on " + server.name() + " for "
                + this.settings.warmup().toSeconds() + " s");
        this.suite
                .driver()
                .closedLoop(
                        4,
                        this.settings.warmup(),
                        (c, r) -> c % 2 == 0
                                ? this.api.post(
                                        "/zones/" + zoneId + "/custom_csrs", Api.csrBody(name(), zone, "p256v1"))
                                : this.api.get("/zones/" + zoneId + "/custom_csrs?per_page=50"),
                        null);
    }

    void rsaSteady(KeyholdServer server, String zoneId, String zone) {
        this.suite.fixedRate(
                this.group,
                "create rsa2048 CSR, steady rate",
                this.database,
                server,
                this.settings.rsaRate(),
                this.settings.rsaSteady(),
                (c, r) -> this.api.post("/zones/" + zoneId + "/custom_csrs", Api.csrBody(name(), zone, "rsa2048")),
                Targets.rsaSteady());
    }

    Measurement rsaFlat(KeyholdServer server, String zoneId, String zone, double keygenCapacity) {
        Measurement m = this.suite.closed(
                this.group,
                "create rsa2048 CSR, flat out",
                this.database,
                List.of(server),
                this.settings.rsaClients(),
                this.settings.rsaFlat(),
                (c, r) -> this.api.post("/zones/" + zoneId + "/custom_csrs", Api.csrBody(name(), zone, "rsa2048")),
                null,
                Targets.rsaThroughput(keygenCapacity),
                null);
        if (m != null && keygenCapacity > 0) {
            this.suite.annotateLast(String.format(
                    "%.0f%% of the keygen-only capacity measured above", 100 * m.throughput() / keygenCapacity));
        }
        return m;
    }

    /** Creates p256v1 CSRs flat out with {@code p256Clients} clients; the new ids go to {@code ids} when not null. */
    Measurement p256Create(
            String scenario,
            List<KeyholdServer> servers,
            List<Api> apis,
            String zoneId,
            String zone,
            List<String> ids) {
        return this.suite.closed(
                this.group,
                scenario,
                this.database,
                servers,
                this.settings.p256Clients(),
                this.settings.p256(),
                (c, r) -> apis.get(c % apis.size())
                        .post("/zones/" + zoneId + "/custom_csrs", Api.csrBody(name(), zone, "p256v1")),
                ids == null ? null : body -> ids.add(Api.idOf(body)),
                Targets.p256Create(),
                servers.size() > 1 ? "clients alternate between the nodes; peak RSS of the larger node" : null);
    }

    Measurement getById(String scenario, List<KeyholdServer> servers, List<Api> apis, String zoneId, List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalStateException("no CSR ids to read for " + scenario);
        }
        List<String> pool = List.copyOf(ids);
        return this.suite.closed(
                this.group,
                scenario,
                this.database,
                servers,
                this.settings.getClients(),
                this.settings.reads(),
                (c, r) -> apis.get(c % apis.size())
                        .get("/zones/" + zoneId + "/custom_csrs/" + pool.get(r.nextInt(pool.size()))),
                null,
                Targets.getById(),
                servers.size() > 1 ? "clients alternate between the nodes; peak RSS of the larger node" : null);
    }

    /** Lists {@code per_page=50}: page 1 when {@code pages} is 1, else a random page among the first {@code pages}. */
    Measurement list(String scenario, KeyholdServer server, String zoneId, int pages, Suite.Target target) {
        return this.suite.closed(
                this.group,
                scenario,
                this.database,
                List.of(server),
                this.settings.listClients(),
                this.settings.reads(),
                (c, r) -> this.api.get("/zones/" + zoneId + "/custom_csrs?per_page=50&page="
                        + (pages == 1 ? 1 : 1 + r.nextInt(pages))),
                null,
                target,
                null);
    }

    static String name() {
        return "c" + NAMES.incrementAndGet();
    }
}
