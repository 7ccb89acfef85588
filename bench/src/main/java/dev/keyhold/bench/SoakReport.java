package dev.keyhold.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Writes a soak run as Markdown (docs/soak.md for the full soak) and raw JSON, and as rows of a smoke run. */
final class SoakReport {

    private final Soak.Result result;
    private final Map<String, String> options;
    private final Map<String, String> machine;
    private final String date =
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));

    SoakReport(Soak.Result result, Map<String, String> options, Map<String, String> machine) {
        this.result = result;
        this.options = options;
        this.machine = machine;
    }

    void write(Path markdown, Path json) throws IOException {
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        Files.createDirectories(json.toAbsolutePath().getParent());
        Soak.Result r = this.result;
        SoakSettings s = r.settings();
        StringBuilder md = new StringBuilder("# Keyhold soak test\n\n");
        md.append("- Result: ")
                .append(r.passed() ? "**PASSED**" : "**FAILED**: " + String.join("; ", r.failures()))
                .append("\n");
        md.append("- Date: ").append(this.date).append("\n");
        md.append("- Git commit: `")
                .append(this.options.getOrDefault("commit", "unknown"))
                .append("`\n");
        md.append("- Command: `")
                .append(this.options.getOrDefault("command", "bench/run.sh --soak"))
                .append("`\n");
        md.append(String.format(
                "- Length: a %.0f s warm-up (%s), then %d s of soak; %.0f s measured under load; %d operations in"
                        + " all (cleanup included), %d error(s)%n",
                r.warmupSeconds(),
                SoakReportText.warmupRule(s, r.warmupSeconds()),
                s.length().toSeconds(),
                r.loadSeconds(),
                r.stats().operations(),
                r.stats().errorCount()));
        md.append("\n## Machine\n\n| | |\n|---|---|\n");
        this.machine.forEach(
                (k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\n## Settings\n\n");
        SoakReportText.settings(md, r, this.options.get("schema"));
        md.append("\n## Operations\n\n");
        operations(md);
        md.append("\n## Memory\n\n");
        SoakReportText.memoryDefinition(md, r);
        memory(md);
        md.append("\n## Errors\n\n");
        if (r.stats().errorCount() == 0) {
            md.append("None: every answer had the expected status and `success: true` (custom hostname deletes:"
                    + " `{\"id\": ...}`), and after the cleanup every list of the soak account and its zones reported"
                    + " `total_count` 0.\n");
        } else {
            md.append(r.stats().errorCount())
                    .append(" error(s); the first ones (time since the first sample, phase):\n\n");
            r.stats()
                    .errors()
                    .forEach(e -> md.append("- `").append(e.replace("`", "'")).append("`\n"));
        }
        Files.writeString(markdown, md.toString());
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("date", this.date);
        raw.put("passed", r.passed());
        raw.put("failures", r.failures());
        raw.put("command", this.options.getOrDefault("command", "bench/run.sh --soak"));
        raw.put("commit", this.options.getOrDefault("commit", "unknown"));
        raw.put("database", r.database());
        raw.put("lengthSeconds", s.length().toSeconds());
        raw.put("warmupSeconds", r.warmupSeconds());
        raw.put("warmupMinSeconds", s.warmup().toSeconds());
        raw.put("warmupMaxSeconds", s.maxWarmup().toSeconds());
        raw.put("machine", this.machine);
        raw.put("samples", r.samples());
        raw.put("errorCount", r.stats().errorCount());
        raw.put("errors", r.stats().errors());
        Map<String, Object> ops = new LinkedHashMap<>();
        for (String phase : List.of(SoakStats.WARMUP, SoakStats.SOAK, SoakStats.CLEANUP)) {
            Map<String, Object> byOp = new LinkedHashMap<>();
            r.stats()
                    .phase(phase)
                    .forEach((op, m) -> byOp.put(op, Row.of("soak", op, r.database(), phase, m, 0, 0, "", null, null)));
            ops.put(phase, byOp);
        }
        raw.put("operations", ops);
        Api.JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), raw);
    }

    private void operations(StringBuilder md) {
        SoakStats stats = this.result.stats();
        md.append("Latencies are of the soak phase (after warm-up) and include the forced full GCs of the memory"
                + " samples. Errors count every phase.\n\n");
        md.append("| operation | warm-up | soak | cleanup | soak rate | p50 | p90 | p99 | p99.9 | max | errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        TreeSet<String> names = new TreeSet<>();
        for (String phase : List.of(SoakStats.WARMUP, SoakStats.SOAK, SoakStats.CLEANUP)) {
            names.addAll(stats.phase(phase).keySet());
        }
        for (String op : names) {
            Measurement soak = stats.phase(SoakStats.SOAK).get(op);
            long errors = 0;
            long[] counts = new long[3];
            int i = 0;
            for (String phase : List.of(SoakStats.WARMUP, SoakStats.SOAK, SoakStats.CLEANUP)) {
                Measurement m = stats.phase(phase).get(op);
                counts[i++] = m == null ? 0 : m.requests();
                errors += m == null ? 0 : m.errors();
            }
            md.append(String.format(
                    "| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %d |%n",
                    op,
                    counts[0],
                    counts[1],
                    counts[2],
                    soak == null ? "-" : String.format("%.1f/s", soak.throughput()),
                    ms(soak, 50),
                    ms(soak, 90),
                    ms(soak, 99),
                    ms(soak, 99.9),
                    soak == null || soak.requests() == 0 ? "-" : String.format("%.1f ms", soak.maxMillis()),
                    errors));
        }
    }

    private void memory(StringBuilder md) {
        Soak.Result r = this.result;
        MemoryProbe.Sample w = r.afterWarmup();
        MemoryProbe.Sample e = r.atEnd();
        if (w != null && e != null) {
            double limit = 100 * r.settings().memoryLimit();
            md.append("| | after warm-up | end | end / after warm-up | limit | met |\n|---|---:|---:|---:|---:|---|\n");
            md.append(row("live heap after full GC", w.heapUsedMb(), e.heapUsedMb(), limit));
            md.append(row("RSS (VmRSS) after full GC", w.rssMb(), e.rssMb(), limit));
            if (e.dataFileKb() >= 0) {
                md.append(String.format(
                        "| H2 database file (disk, not memory) | %.1f MB | %.1f MB | %.1f%% | - | not checked |%n",
                        w.dataFileKb() / 1024.0, e.dataFileKb() / 1024.0, 100.0 * e.dataFileKb() / w.dataFileKb()));
            }
            md.append("\n");
        }
        md.append("Every sample (t counts from the first sample; under load = taken while the clients ran):\n\n");
        md.append(
                "| t | when | live heap after full GC | heap used, read after | heap committed | metaspace used | code cache used | threads"
                        + " | RSS | of which heap | of which code cache | other | H2 file |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (MemoryProbe.Sample s : r.samples()) {
            md.append(String.format(
                    "| %.0f s | %s | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %d | %.1f MB | %.1f MB | %.1f MB | %.1f MB | %s |%n",
                    s.seconds(),
                    s.phase(),
                    s.heapUsedMb(),
                    s.heapInfoUsedKb() / 1024.0,
                    s.heapCommittedKb() / 1024.0,
                    s.metaspaceUsedKb() / 1024.0,
                    s.codeCacheUsedKb() / 1024.0,
                    s.threads(),
                    s.rssMb(),
                    s.heapRssKb() / 1024.0,
                    s.codeRssKb() / 1024.0,
                    (s.rssKb() - s.heapRssKb() - s.codeRssKb()) / 1024.0,
                    s.dataFileKb() < 0 ? "-" : String.format("%.1f MB", s.dataFileKb() / 1024.0)));
        }
    }

    private String row(String what, double before, double after, double limitPercent) {
        double percent = 100 * after / before;
        return String.format(
                "| %s | %.1f MB | %.1f MB | %.1f%% | ≤ %.0f%% | %s |%n",
                what,
                before,
                after,
                percent,
                limitPercent,
                !this.result.settings().checkMemory() ? "not checked" : percent <= limitPercent ? "yes" : "**NO**");
    }

    private static String ms(Measurement m, double percentile) {
        return m == null || m.requests() == 0 ? "-" : String.format("%.2f ms", m.percentileMillis(percentile));
    }

    /** The smoke run's rows: one per operation of the soak phase, and one for the whole run's errors and checks. */
    void addTo(Suite suite, String group) {
        Soak.Result r = this.result;
        String load = r.settings().clients() + " clients";
        r.stats().phase(SoakStats.SOAK).forEach((op, m) -> suite.rows()
                .add(Row.of(group, op, r.database(), load, m, 0, 0, "0 errors", m.errors() == 0, null)));
        List<String> errors = r.stats().errors();
        suite.rows()
                .add(new Row(
                        group,
                        "whole soak: warm-up, soak, cleanup and the end checks",
                        r.database(),
                        load,
                        r.loadSeconds(),
                        r.stats().operations(),
                        0,
                        0,
                        0,
                        0,
                        0,
                        r.stats().errorCount(),
                        0,
                        0,
                        0,
                        "0 errors",
                        r.stats().errorCount() == 0,
                        "memory reported in soak-smoke.md, not checked",
                        errors.subList(0, Math.min(5, errors.size()))));
    }
}
