package dev.keyhold.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soak test (issue 6): one fresh server, {@code clients} clients running the mixed workload of
 * {@link SoakClient} through a warm-up and then the soak's length, memory sampled by {@link MemoryProbe}. The warm-up
 * ends once RSS has settled ({@link SoakSettings#settled}). The load pauses twice so that two samples are taken alike,
 * with no request in flight and the same bounded working set: at the end of the warm-up (the baseline) and after the
 * last minute (the end). Then the clients delete what they hold and every list of the
 * soak account and its zones must report {@code total_count} 0.
 */
final class Soak {

    /** What a soak run found; it passed when {@code failures} is empty. */
    record Result(
            SoakSettings settings,
            String database,
            double healthySeconds,
            double warmupSeconds,
            String heapKind,
            SoakStats stats,
            List<MemoryProbe.Sample> samples,
            MemoryProbe.Sample afterWarmup,
            MemoryProbe.Sample atEnd,
            double loadSeconds,
            List<String> failures) {

        boolean passed() {
            return this.failures.isEmpty();
        }
    }

    private final SoakSettings settings;
    private final Servers servers;
    private final Bench.Database database;
    private final ThrowawayCa ca;
    private final HttpClient http;

    Soak(SoakSettings settings, Servers servers, Bench.Database database, ThrowawayCa ca, HttpClient http) {
        this.settings = settings;
        this.servers = servers;
        this.database = database;
        this.ca = ca;
        this.http = http;
    }

    Result run() {
        SoakSettings s = this.settings;
        String db = s.h2() ? "H2" : "PostgreSQL";
        String name = s.h2() ? "soak-h2" : "soak-pg";
        KeyholdServer server = this.servers.start(name, s.h2() ? Map.of() : this.database.environment());
        try {
            Api api = new Api(this.http, server.baseUrl(), Bench.EMAIL, Bench.API_KEY);
            SoakStats stats = new SoakStats();
            SoakCalls calls = new SoakCalls(this.http, stats);
            String accountId = api.createAccount(Servers.label("soak-account-"));
            List<SoakClient> clients = new ArrayList<>();
            List<String> zoneIds = new ArrayList<>();
            for (int i = 0; i < s.clients(); i++) {
                String zone = Servers.label("soak") + ".keyhold.dev";
                zoneIds.add(api.createZone(zone, accountId));
                clients.add(new SoakClient(api, calls, this.ca, accountId, zoneIds.get(i), zone, s.workingSet()));
            }
            SoakPhases phases = new SoakPhases(
                    s,
                    new MemoryProbe(server.pid(), s.h2() ? this.servers.dataDir(name) : null),
                    stats,
                    calls,
                    clients);
            System.err.printf(
                    "bench: soak on %s, %d clients, %d s after a warm-up of %d to %d s%n",
                    db,
                    s.clients(),
                    s.length().toSeconds(),
                    s.warmup().toSeconds(),
                    s.maxWarmup().toSeconds());
            phases.sample("before load");
            Duration warmup = phases.warmUp(SoakStats.WARMUP);
            MemoryProbe.Sample afterWarmup = phases.quiescent("after warm-up, load paused");
            phases.load(SoakStats.SOAK, s.length());
            MemoryProbe.Sample atEnd = phases.quiescent("end, load stopped");
            double loadSeconds = phases.loadSeconds();
            phases.cleanup(api, accountId, zoneIds);
            phases.sample("after cleanup");
            List<String> failures = verdict(stats, afterWarmup, atEnd);
            return new Result(
                    s,
                    db,
                    server.timeToHealthy().toMillis() / 1000.0,
                    warmup.toMillis() / 1000.0,
                    phases.heapKind(),
                    stats,
                    phases.samples(),
                    afterWarmup,
                    atEnd,
                    loadSeconds,
                    failures);
        } finally {
            server.stop();
        }
    }

    private List<String> verdict(SoakStats stats, MemoryProbe.Sample afterWarmup, MemoryProbe.Sample atEnd) {
        List<String> failures = new ArrayList<>();
        if (stats.errorCount() != 0) {
            failures.add(stats.errorCount() + " error(s)");
        }
        if (!this.settings.checkMemory()) {
            return failures;
        }
        if (afterWarmup == null || atEnd == null) {
            failures.add("memory could not be sampled after warm-up and at the end");
            return failures;
        }
        double limit = this.settings.memoryLimit();
        if (atEnd.heapUsedKb() > limit * afterWarmup.heapUsedKb()) {
            failures.add(String.format(
                    "live heap after full GC grew from %.1f MB to %.1f MB (limit %.0f%%)",
                    afterWarmup.heapUsedMb(), atEnd.heapUsedMb(), 100 * limit));
        }
        if (atEnd.rssKb() > limit * afterWarmup.rssKb()) {
            failures.add(String.format(
                    "RSS grew from %.1f MB to %.1f MB (limit %.0f%%)",
                    afterWarmup.rssMb(), atEnd.rssMb(), 100 * limit));
        }
        return failures;
    }
}
