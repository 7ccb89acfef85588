package dev.keyhold.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts Keyhold nodes for the groups: default settings, a data dir under the work dir, the bench's bootstrap
 * credentials and the throwaway CA's root as an extra trust anchor; logs in {@code <work>/logs}.
 */
final class Servers {

    private static final AtomicLong LABELS = new AtomicLong();

    private final Path jar;
    private final Path work;
    private final Path profiles;
    private final Path anchors;

    /** With {@code profiles} not null, each server records JFR (profile settings) to {@code server-<name>.jfr} there. */
    Servers(Path jar, Path work, Path profiles, Path anchors) {
        this.jar = jar;
        this.work = work;
        this.profiles = profiles;
        this.anchors = anchors;
    }

    /** What the README's start command gives {@code java}: keep the two in step. */
    static final String DOCUMENTED_JVM_OPTIONS =
            "-Xms192m -Xmx192m -XX:+AlwaysPreTouch -Djdk.nio.maxCachedBufferSize=262144";

    /** Starts a node named {@code name} with its own data dir and the extra variables. */
    KeyholdServer start(String name, Map<String, String> extra) {
        Map<String, String> env =
                Suite.baseEnvironment(this.work.resolve("data-" + name), Bench.EMAIL, Bench.API_KEY, this.anchors);
        env.putAll(extra);
        System.err.println("bench: starting " + name);
        List<String> jvmOptions = new ArrayList<>(jvmOptions());
        if (this.profiles != null) {
            jvmOptions.add("-XX:StartFlightRecording=filename=" + this.profiles.resolve("server-" + name + ".jfr")
                    + ",settings=profile");
        }
        KeyholdServer server = KeyholdServer.start(name, this.jar, env, jvmOptions, this.work.resolve("logs"));
        System.err.printf(
                "bench: %s healthy after %d ms (pid %d)%n",
                name, server.timeToHealthy().toMillis(), server.pid());
        return server;
    }

    /**
     * The JVM options of the README's start command ({@link #DOCUMENTED_JVM_OPTIONS}), or {@code BENCH_JAVA_OPTS}
     * (space-separated; empty for the JVM's own defaults).
     */
    static List<String> jvmOptions() {
        String configured = System.getenv("BENCH_JAVA_OPTS");
        String options = configured == null ? DOCUMENTED_JVM_OPTIONS : configured.strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    Path dataDir(String name) {
        return this.work.resolve("data-" + name);
    }

    /** A name unique in this run, for zones and SANs. */
    static String label(String prefix) {
        return prefix + LABELS.incrementAndGet();
    }
}
