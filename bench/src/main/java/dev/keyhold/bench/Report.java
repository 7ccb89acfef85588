package dev.keyhold.bench;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run as Markdown (title, machine, settings, one table per group, misses spelled out, then
 * {@code bench/notes.md}) and as raw JSON.
 */
final class Report {

    private final Settings settings;
    private final Map<String, String> options;
    private final Map<String, String> machine;
    private final Suite suite;
    private final double minutes;
    private final boolean accp;
    private final String date =
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));

    Report(
            Settings settings,
            Map<String, String> options,
            Map<String, String> machine,
            Suite suite,
            double minutes,
            boolean accp) {
        this.settings = settings;
        this.options = options;
        this.machine = machine;
        this.suite = suite;
        this.minutes = minutes;
        this.accp = accp;
    }

    void write(Path markdown, Path json, Path notes) throws IOException {
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        Files.createDirectories(json.toAbsolutePath().getParent());
        StringBuilder md = new StringBuilder();
        md.append("# Keyhold benchmarks")
                .append(this.settings.smoke() ? " (smoke run)" : "")
                .append("\n\n");
        md.append("- Date: ").append(this.date).append(String.format(" (the run took %.1f min)%n", this.minutes));
        md.append("- Git commit: `")
                .append(this.options.getOrDefault("commit", "unknown"))
                .append("`\n");
        md.append("- Command: `")
                .append(this.options.getOrDefault("command", "bench/run.sh"))
                .append("`\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        this.machine.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Settings\n\n");
        settings(md);
        md.append("\n## Start and memory\n\n");
        md.append("| server | database | time to healthy | peak RSS (250 ms samples) | VmHWM | target | met |\n");
        md.append("|---|---|---:|---:|---:|---|---|\n");
        for (Startup s : this.suite.startups()) {
            md.append(String.format(
                    "| %s | %s | %.2f s | %.0f MB | %.0f MB | healthy ≤ %.0f s, RSS ≤ %.0f MB | %s |%n",
                    s.server(),
                    s.database(),
                    s.healthySeconds(),
                    s.peakRssMb(),
                    s.hwmMb(),
                    Startup.HEALTHY_TARGET_SECONDS,
                    Startup.RSS_TARGET_MB,
                    s.met()
                            ? "yes"
                            : String.format("**MISSED** (%.2f s, %.0f MB)", s.healthySeconds(), s.peakRssMb())));
        }
        double overall = this.suite.startups().stream()
                .mapToDouble(Startup::peakRssMb)
                .max()
                .orElse(0);
        md.append(String.format("%nOverall peak RSS of any server process: %.0f MB.%n", overall));
        String group = null;
        for (Row r : this.suite.rows()) {
            if (!r.group().equals(group)) {
                group = r.group();
                md.append("\n## ").append(group).append("\n\n");
                md.append(
                        "| scenario | database | clients/rate | duration | requests | throughput | p50 | p90 | p99 | max"
                                + " | errors | peak RSS | driver CPU | server CPU | target | met |\n");
                md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
            }
            md.append(String.format(
                    "| %s | %s | %s | %.1f s | %d | %.1f/s | %.2f ms | %.2f ms | %.2f ms | %.1f ms | %d | %s | %.2f"
                            + " cores | %s | %s | %s |%n",
                    r.scenario() + (r.note() == null ? "" : " (" + r.note() + ")"),
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
                    r.peakRssMb() == 0 ? "-" : String.format("%.0f MB", r.peakRssMb()),
                    r.driverCores(),
                    r.serverCores() == 0 ? "-" : String.format("%.2f cores", r.serverCores()),
                    r.target(),
                    met(r)));
        }
        errors(md);
        md.append("\n");
        if (notes != null && Files.exists(notes)) {
            md.append(Files.readString(notes));
        }
        Files.writeString(markdown, md.toString());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("date", this.date);
        raw.put("mode", this.settings.mode());
        raw.put("commit", this.options.getOrDefault("commit", "unknown"));
        raw.put("command", this.options.getOrDefault("command", "bench/run.sh"));
        raw.put("minutes", this.minutes);
        raw.put("machine", this.machine);
        raw.put("settings", settingsAsJson());
        raw.put("startups", this.suite.startups());
        raw.put("rows", this.suite.rows());
        Api.JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), raw);
    }

    /** The settings with durations in seconds (Jackson 2 needs a module for java.time otherwise). */
    private Map<String, Object> settingsAsJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : Settings.class.getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(this.settings);
                out.put(
                        c.getName() + (value instanceof Duration ? "Seconds" : ""),
                        value instanceof Duration d ? d.toMillis() / 1000.0 : value);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return out;
    }

    private void settings(StringBuilder md) {
        Settings s = this.settings;
        md.append("- Mode: ")
                .append(s.mode())
                .append(
                        s.smoke()
                                ? " (a few seconds per scenario, small data sizes;" + " figures are indicative only)"
                                : "")
                .append("\n");
        md.append("- Server: the packaged `target/keyhold.jar`, started by the bench as a child process with default"
                + " settings; only the data dir, port, PostgreSQL URL/schema, bootstrap email, API key and password,"
                + " `KEYHOLD_EXTRA_TRUST_ANCHORS` (the bench's throwaway CA root) and `KEYHOLD_RATE_LIMIT_REQUESTS=0` (no API rate"
                + " limit: one credential drives all the load) are set."
                + (this.options.containsKey("profile") ? " `--profile`: JFR recording (settings=profile) on." : "")
                + "\n");
        md.append("- JVM options: `")
                .append(
                        Servers.jvmOptions().isEmpty()
                                ? "(the JVM's defaults)"
                                : String.join(" ", Servers.jvmOptions()))
                .append("`")
                .append(
                        System.getenv("BENCH_JAVA_OPTS") == null
                                ? ", as in the README's start command"
                                : ", from BENCH_JAVA_OPTS")
                .append("\n");
        md.append("- PostgreSQL: a fresh schema per run (`")
                .append(this.options.get("schema"))
                .append("`), dropped afterwards; H2: a fresh data dir.\n");
        md.append(
                "- Client: the bench's Java driver, JDK `java.net.http.HttpClient`, HTTP/1.1 keep-alive, on the same"
                        + " machine (its CPU is the *driver CPU* column; the server's is *server CPU*). Closed loop: each client"
                        + " sends, waits for the answer, sends again. Open model (steady rate): latency counts from the"
                        + " intended send time (no coordinated omission). Any non-2xx or `success: false` answer is an error.\n");
        md.append(String.format(
                "- Each server gets an unrecorded %d s warm-up of p256v1 creates and list reads after"
                        + " it is healthy.%n",
                s.warmup().toSeconds()));
        md.append(String.format(
                "- Lengths: steady rsa2048 %d s at %.0f req/s; rsa2048 flat out %d s with %d clients;"
                        + " p256v1 %d s with %d clients; reads %d s (get by id %d clients, list %d clients); keygen"
                        + " %d s per provider on all cores; openssl %d runs; uploads %d certificates with %d clients;"
                        + " seed sizes %s.%n",
                s.rsaSteady().toSeconds(),
                s.rsaRate(),
                s.rsaFlat().toSeconds(),
                s.rsaClients(),
                s.p256().toSeconds(),
                s.p256Clients(),
                s.reads().toSeconds(),
                s.getClients(),
                s.listClients(),
                s.keygen().toSeconds(),
                s.opensslRuns(),
                s.uploads(),
                s.uploadClients(),
                s.seedSizes()));
        md.append(String.format(
                "- Reads: one zone grown by SQL to each size in turn by cloning one CSR made through"
                        + " the API (its `custom_csrs` and `sealed_keys` rows under new ids, `created_at` one second apart going"
                        + " back), %d rows per transaction, then `vacuum analyze`; after each step the API's"
                        + " `result_info.total_count` must equal the rows in the zone. Get by id picks among 10 000 random ids"
                        + " of the zone.%n",
                s.seedBatch()));
        md.append("- ACCP: ").append(this.accp ? "loaded" : "**did not load**").append("\n");
    }

    private void errors(StringBuilder md) {
        List<Row> failing = this.suite.rows().stream()
                .filter(r -> !r.errorSamples().isEmpty())
                .toList();
        if (failing.isEmpty()) {
            md.append("\nNo errors in any scenario.\n");
            return;
        }
        md.append("\n## Errors (first answers of each scenario)\n\n");
        for (Row r : failing) {
            md.append("- ").append(r.group()).append(" / ").append(r.scenario()).append(":\n");
            for (String e : r.errorSamples()) {
                md.append("  - `")
                        .append(e.replace('\n', ' ').replace("`", "'"))
                        .append("`\n");
            }
        }
    }

    private static String met(Row r) {
        if (r.met() == null) {
            return "-";
        }
        if (r.met()) {
            return "yes";
        }
        return r.errors() != 0
                ? String.format("**MISSED** (%d errors)", r.errors())
                : String.format("**MISSED** (%.0f/s, p50 %.2f ms, p99 %.2f ms)", r.throughput(), r.p50(), r.p99());
    }
}
