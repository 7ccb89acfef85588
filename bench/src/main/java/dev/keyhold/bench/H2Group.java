package dev.keyhold.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Group "Embedded database (H2)": the headline rows on the default database. H2 cannot be seeded from outside while
 * the server holds it, so get-by-id reads the CSRs that the p256v1 scenario created through the API.
 */
final class H2Group {

    static final String GROUP = "Embedded database (H2), the default";

    private final Suite suite;
    private final Settings settings;
    private final Servers servers;

    H2Group(Suite suite, Settings settings, Servers servers) {
        this.suite = suite;
        this.settings = settings;
        this.servers = servers;
    }

    void run() {
        KeyholdServer server;
        try {
            server = this.servers.start("h2", Map.of());
        } catch (RuntimeException ex) {
            this.suite.failed(GROUP, "start", "H2", "-", Suite.Target.none(), ex);
            return;
        }
        try {
            Api api = new Api(this.suite.driver().http(), server.baseUrl(), Bench.EMAIL, Bench.API_KEY);
            Workloads w = new Workloads(this.suite, this.settings, api, "H2", GROUP);
            w.warmup(server);
            String zone = Servers.label("h2z") + ".keyhold.dev";
            String zoneId = api.createZone(zone);
            w.rsaSteady(server, zoneId, zone);
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            w.p256Create("create p256v1", List.of(server), List.of(api), zoneId, zone, ids);
            w.getById("get CSR by id (" + ids.size() + " CSRs made above)", List.of(server), List.of(api), zoneId, ids);
        } catch (RuntimeException ex) {
            this.suite.failed(GROUP, "setup", "H2", "-", Suite.Target.none(), ex);
        } finally {
            this.suite.startup(server, "H2");
            server.stop();
        }
    }
}
