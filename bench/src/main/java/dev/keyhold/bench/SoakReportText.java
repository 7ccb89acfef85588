package dev.keyhold.bench;

/** The fixed prose of the soak report: what was run and what "memory" means. */
final class SoakReportText {

    private SoakReportText() {}

    static void settings(StringBuilder md, Soak.Result r, String schema) {
        SoakSettings s = r.settings();
        md.append("- Server: the packaged `target/keyhold.jar`, one fresh process started by the bench with default"
                        + " settings (data dir, port, bootstrap credentials, the throwaway CA root as"
                        + " `KEYHOLD_EXTRA_TRUST_ANCHORS`, `KEYHOLD_RATE_LIMIT_REQUESTS=0`), JVM options `")
                .append(
                        Servers.jvmOptions().isEmpty()
                                ? "(the JVM's defaults)"
                                : String.join(" ", Servers.jvmOptions()))
                .append("`")
                .append(
                        System.getenv("BENCH_JAVA_OPTS") == null
                                ? " as in the README's start command"
                                : " from BENCH_JAVA_OPTS")
                .append(String.format("; healthy after %.1f s.%n", r.healthySeconds()));
        md.append("- Database: ")
                .append(
                        r.database().equals("H2")
                                ? "the embedded H2 database in a fresh data dir"
                                : "PostgreSQL, a fresh schema (`" + schema + "`) dropped afterwards")
                .append(".\n");
        md.append(String.format(
                "- Load: %d closed-loop clients (each sends its next request when the answer arrived, no pause),"
                        + " from the bench's Java driver on the same machine, HTTP/1.1 keep-alive, the operator's Global"
                        + " API Key; one account entitled to zone and account CSRs, one zone per client.%n",
                s.clients()));
        md.append(String.format(
                "- Mix, per client cycle: create a CSR (p256v1, or rsa2048 one time in four; in the client's zone or in"
                        + " the account, half and half); get it by id; list a random page of the first three"
                        + " (`per_page=20`) of its scope; sign it with a throwaway CA (leaf + intermediate) and upload the"
                        + " chain with `custom_csr_id`, two times in three as a custom certificate"
                        + " (`bundle_method: ubiquitous`), else as a custom hostname's `ssl.custom_certificate` for the"
                        + " CSR's name; get that by id and list page 1. Each client keeps at most %d CSRs: beyond that it"
                        + " deletes the oldest, its certificate or hostname first, then the CSR. So the data stays"
                        + " bounded (%d CSRs at most) and growth means a leak, not data.%n",
                s.workingSet(), s.workingSet() * s.clients()));
        md.append("- Expected answers: create CSR 201, upload certificate 200, create custom hostname 201, gets and"
                + " lists and deletes 200, all with `\"success\": true`, except the custom hostname delete, which"
                + " answers Cloudflare's bare `{\"id\": ...}` (checked to name the hostname). Anything else, or no"
                + " answer, is an error, and any error fails the run.\n");
        md.append("- Cleanup: after the end sample the clients delete what they hold; then the account's CSR list and"
                + " each zone's CSR, certificate and custom hostname lists must report `total_count` 0.\n");
    }

    /** Why the warm-up ended when it did. */
    static String warmupRule(SoakSettings s, double warmupSeconds) {
        if (s.maxWarmup().compareTo(s.warmup()) <= 0) {
            return "fixed";
        }
        return warmupSeconds >= s.maxWarmup().toSeconds() - 1
                ? String.format(
                        "RSS or the code cache never settled; ended at its %d s limit",
                        s.maxWarmup().toSeconds())
                : String.format(
                        "ended when, in a minute, RSS grew by at most %.0f%% and the code cache by at most %d KB;"
                                + " %d to %d s allowed",
                        100 * s.settledWithin(),
                        s.codeSettledKb(),
                        s.warmup().toSeconds(),
                        s.maxWarmup().toSeconds());
    }

    static void memoryDefinition(StringBuilder md, Soak.Result r) {
        SoakSettings s = r.settings();
        md.append("Measured on the server process, never the database (the database grows a little; that is not"
                + " the JVM's memory):\n\n");
        md.append("- **Heap** = the live Java heap after a forced full collection: the total of"
                + " `jcmd <pid> GC.class_histogram`, which runs a full stop-the-world collection and then counts the"
                + " objects that survived, at the same safepoint. What survives a full GC is reachable, so growth here"
                + " is retained objects. (`GC.run` then `GC.heap_info` is two jcmd processes seconds apart on a loaded"
                + " machine, and under load its \"used\" also counts what was allocated since the collection: it is"
                + " shown as *heap used, read after* for reference.)\n");
        md.append("- **RSS** = `VmRSS` of `/proc/<pid>/status`, read right after that collection: all the process's"
                + " resident memory (heap, metaspace, code cache, thread stacks, native buffers, malloc arenas). The"
                + " samples split it with `/proc/<pid>/smaps`: the resident pages inside the heap's reserved range"
                + " (" + r.heapKind() + "), inside the code cache's, and the rest.\n");
        md.append(String.format(
                "- Sampled every %d s under load, and twice with the load paused (%d s after the clients stopped,"
                        + " with no request in flight and every client holding its full working set): **after warm-up**"
                        + " = at the end of the %.0f s warm-up, and **end** = after the last minute, before the cleanup.%n",
                s.sampleEvery().toSeconds(), s.settle().toSeconds(), r.warmupSeconds()));
        if (s.maxWarmup().compareTo(s.warmup()) > 0) {
            md.append(String.format(
                    "- The warm-up lasts %d to %d s: after %d s it ends at the first sample under load whose RSS is at"
                            + " most %.0f%% above that of the sample a minute before, and whose code cache's resident size"
                            + " is at most %d KB above it, so the baseline is taken once the JVM has sized its heap and"
                            + " compiled its hot code, not while it still does. A leak of more than"
                            + " that never settles: the warm-up then runs its %d s and the soak measures the leak on top; a"
                            + " slower one adds up over the soak's length.%n",
                    s.warmup().toSeconds(),
                    s.maxWarmup().toSeconds(),
                    s.warmup().toSeconds(),
                    100 * s.settledWithin(),
                    s.codeSettledKb(),
                    s.maxWarmup().toSeconds()));
        }
        md.append(
                s.checkMemory()
                        ? String.format(
                                "- The run fails when the end heap or the end RSS is more than %.0f%% of its after-warm-up figure.%n%n",
                                100 * s.memoryLimit())
                        : "- Smoke run: memory is reported, not checked. A 20 s warm-up leaves the JIT compiling and the heap"
                                + " sizing itself, so a 10% bound over 40 s would measure start-up, not leaks.\n\n");
    }
}
