package dev.keyhold.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs load phases against servers and turns each into a {@link Row} with its target: resets the servers' memory
 * windows, measures their CPU, and records a scenario that throws as failed instead of stopping the run.
 */
final class Suite {

    /** A scenario's target: the words printed in the report, and the check on the measured row. */
    record Target(String text, Predicate<Measurement> check) {
        static Target none() {
            return new Target("0 errors", m -> true);
        }
    }

    private final LoadDriver driver = new LoadDriver();
    private final List<Row> rows = new ArrayList<>();
    private final List<Startup> startups = new ArrayList<>();

    LoadDriver driver() {
        return this.driver;
    }

    List<Row> rows() {
        return this.rows;
    }

    List<Startup> startups() {
        return this.startups;
    }

    /** Records a server's start and memory figures, read before it is stopped. */
    void startup(KeyholdServer server, String database) {
        this.startups.add(new Startup(
                server.name(),
                database,
                server.timeToHealthy().toMillis() / 1000.0,
                server.sampler().overallPeakMb(),
                server.sampler().hwmMb()));
    }

    /** A closed-loop phase of {@code clients} clients against {@code servers}. */
    Measurement closed(
            String group,
            String scenario,
            String database,
            List<KeyholdServer> servers,
            int clients,
            Duration length,
            LoadDriver.Requests requests,
            Consumer<String> onSuccess,
            Target target,
            String note) {
        return phase(
                group,
                scenario,
                database,
                clients + " clients",
                servers,
                target,
                note,
                () -> this.driver.closedLoop(clients, length, requests, onSuccess));
    }

    /** An open-model phase at {@code rate} requests per second against one server. */
    Measurement fixedRate(
            String group,
            String scenario,
            String database,
            KeyholdServer server,
            double rate,
            Duration length,
            LoadDriver.Requests requests,
            Target target) {
        return phase(
                group,
                scenario,
                database,
                rate + " req/s (open)",
                List.of(server),
                target,
                null,
                () -> this.driver.fixedRate(rate, length, requests, null));
    }

    /** Adds a row for something measured outside the HTTP driver (baselines), with its target. */
    void add(String group, String scenario, String load, Measurement m, Target target, String note) {
        this.rows.add(Row.of(
                group,
                scenario,
                "-",
                load,
                m,
                0,
                0,
                target.text(),
                target.check().test(m),
                note));
    }

    /** Sets the note of the last row. */
    void annotateLast(String note) {
        Row r = this.rows.remove(this.rows.size() - 1);
        this.rows.add(new Row(
                r.group(),
                r.scenario(),
                r.database(),
                r.load(),
                r.seconds(),
                r.requests(),
                r.throughput(),
                r.p50(),
                r.p90(),
                r.p99(),
                r.max(),
                r.errors(),
                r.peakRssMb(),
                r.driverCores(),
                r.serverCores(),
                r.target(),
                r.met(),
                note,
                r.errorSamples()));
    }

    void failed(String group, String scenario, String database, String load, Target target, Throwable why) {
        System.err.println("bench: " + scenario + " (" + database + ") failed to run: " + why);
        why.printStackTrace();
        this.rows.add(Row.failed(group, scenario, database, load, target.text(), why));
    }

    interface Phase {
        Measurement run() throws Exception;
    }

    private Measurement phase(
            String group,
            String scenario,
            String database,
            String load,
            List<KeyholdServer> servers,
            Target target,
            String note,
            Phase phase) {
        System.err.printf("bench: %s / %s on %s, %s%n", group, scenario, database, load);
        try {
            servers.forEach(s -> s.sampler().resetWindow());
            long cpu0 = servers.stream().mapToLong(s -> s.sampler().cpuNanos()).sum();
            Measurement m = phase.run();
            long cpu = servers.stream().mapToLong(s -> s.sampler().cpuNanos()).sum() - cpu0;
            double rss = servers.stream()
                    .mapToDouble(s -> s.sampler().windowPeakMb())
                    .max()
                    .orElse(0);
            double serverCores = m.seconds() == 0 ? 0 : cpu / 1e9 / m.seconds();
            Row row = Row.of(
                    group,
                    scenario,
                    database,
                    load,
                    m,
                    rss,
                    serverCores,
                    target.text(),
                    target.check().test(m),
                    note);
            this.rows.add(row);
            System.err.printf(
                    "bench:   %d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d errors%s%n",
                    row.requests(),
                    row.throughput(),
                    row.p50(),
                    row.p99(),
                    row.max(),
                    row.errors(),
                    row.errorSamples().isEmpty()
                            ? ""
                            : "; first: " + row.errorSamples().get(0));
            return m;
        } catch (Exception | Error ex) {
            failed(group, scenario, database, load, target, ex);
            return null;
        }
    }

    /** The environment of a node with default settings but for its data dir and the bench's bootstrap values. */
    static Map<String, String> baseEnvironment(Path dataDir, String email, String apiKey, Path anchors) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new LinkedHashMap<>(Map.of(
                "KEYHOLD_DATA_DIR",
                dataDir.toString(),
                "KEYHOLD_BOOTSTRAP_EMAIL",
                email,
                "KEYHOLD_BOOTSTRAP_API_KEY",
                apiKey,
                "KEYHOLD_BOOTSTRAP_PASSWORD",
                "bench dashboard password",
                "KEYHOLD_EXTRA_TRUST_ANCHORS",
                anchors.toString(),
                // NOTE: the bench's one credential makes thousands of requests a second; Cloudflare's 1,200 per
                // 5 minutes would answer 429 after the first second
                "KEYHOLD_RATE_LIMIT_REQUESTS",
                "0"));
    }

    /** Requests that take the next item of a shared queue, and stop (null) when it is empty. */
    static <T> LoadDriver.Requests draining(ConcurrentLinkedQueue<T> queue, Function<T, HttpRequest> f) {
        return (client, random) -> {
            T next = queue.poll();
            return next == null ? null : f.apply(next);
        };
    }
}
