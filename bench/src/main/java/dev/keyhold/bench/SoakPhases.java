package dev.keyhold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The phases of a soak on one server: load (every client on its own thread, memory sampled every
 * {@code sampleEvery} meanwhile), quiescent samples between them, and the cleanup with its end checks. Times in the
 * samples count from the first sample.
 */
final class SoakPhases {

    private final SoakSettings settings;
    private final MemoryProbe probe;
    private final SoakStats stats;
    private final SoakCalls calls;
    private final List<SoakClient> clients;
    private final List<MemoryProbe.Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final long started = System.nanoTime();
    private long loadNanos;

    SoakPhases(SoakSettings settings, MemoryProbe probe, SoakStats stats, SoakCalls calls, List<SoakClient> clients) {
        this.settings = settings;
        this.probe = probe;
        this.stats = stats;
        this.calls = calls;
        this.clients = clients;
    }

    /** Runs every client for {@code length} in {@code phase}, sampling memory every {@code sampleEvery}. */
    void load(String phase, Duration length) {
        run(phase, length, false);
    }

    /**
     * Runs every client in {@code phase} until {@link SoakSettings#settled} says the server's memory has settled, or
     * for {@link SoakSettings#maxWarmup} at most; returns how long it ran.
     */
    Duration warmUp(String phase) {
        return run(phase, this.settings.maxWarmup(), true);
    }

    private Duration run(String phase, Duration length, boolean untilSettled) {
        this.calls.phase(phase);
        long start = System.nanoTime();
        // NOTE: a warm-up that settles moves the deadline forward; the clients read it before every cycle
        AtomicLong deadline = new AtomicLong(start + length.toNanos());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < this.clients.size(); i++) {
            SoakClient client = this.clients.get(i);
            threads.add(started("soak-client-" + i, () -> client.runUntil(deadline::get)));
        }
        List<MemoryProbe.Sample> underLoad = new ArrayList<>();
        long every = this.settings.sampleEvery().toNanos();
        // NOTE: no sample in the last 5 s of a phase; the quiescent sample follows at once
        // NOTE: on a loaded machine a sample can take longer than the interval; the next one then waits its turn
        for (long next = start + every; next < deadline.get() - 5_000_000_000L; next += every) {
            parkUntil(next);
            if (System.nanoTime() < deadline.get() - 5_000_000_000L) {
                MemoryProbe.Sample sample = sample(phase + ", under load");
                if (sample != null) {
                    underLoad.add(sample);
                }
                if (untilSettled && this.settings.settled(underLoad, (System.nanoTime() - start) / 1e9)) {
                    deadline.set(System.nanoTime());
                    System.err.printf(
                            "bench: soak %s settled after %.0f s: RSS within %.0f%% and the code cache within %d KB"
                                    + " of a minute before%n",
                            phase,
                            (System.nanoTime() - start) / 1e9,
                            100 * this.settings.settledWithin(),
                            this.settings.codeSettledKb());
                }
                while (next + every < System.nanoTime()) {
                    next += every;
                }
            }
        }
        join(threads);
        long elapsed = System.nanoTime() - start;
        this.loadNanos += elapsed;
        this.stats.phase(phase).values().forEach(m -> m.finish(elapsed, 0));
        System.err.printf(
                "bench: soak %s done after %.0f s, %d operations and %d errors so far%n",
                phase, elapsed / 1e9, this.stats.operations(), this.stats.errorCount());
        return Duration.ofNanos(elapsed);
    }

    /** Waits {@code settle} with no load (in-flight work and the key pool's refill finish), then samples. */
    MemoryProbe.Sample quiescent(String label) {
        parkUntil(System.nanoTime() + this.settings.settle().toNanos());
        return sample(label);
    }

    /** Takes a sample, or records an error and returns null when the server cannot be measured. */
    MemoryProbe.Sample sample(String label) {
        try {
            MemoryProbe.Sample s = this.probe.sample((System.nanoTime() - this.started) / 1e9, label);
            this.samples.add(s);
            System.err.printf(
                    "bench: soak memory at %.0f s (%s): live heap after full GC %.1f MB, RSS %.1f MB%n",
                    s.seconds(), label, s.heapUsedMb(), s.rssMb());
            return s;
        } catch (RuntimeException ex) {
            this.calls.error("memory sample (" + label + ") failed: " + ex.getMessage());
            return null;
        }
    }

    /** The clients delete what they hold; then every list of the soak account and its zones must be empty. */
    void cleanup(Api api, String accountId, List<String> zoneIds) {
        this.calls.phase(SoakStats.CLEANUP);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < this.clients.size(); i++) {
            SoakClient client = this.clients.get(i);
            threads.add(started("soak-cleanup-" + i, client::drain));
        }
        join(threads);
        expectEmpty(api, "/accounts/" + accountId + "/custom_csrs");
        for (String zoneId : zoneIds) {
            expectEmpty(api, "/zones/" + zoneId + "/custom_csrs");
            expectEmpty(api, "/zones/" + zoneId + "/custom_certificates");
            expectEmpty(api, "/zones/" + zoneId + "/custom_hostnames");
        }
    }

    private void expectEmpty(Api api, String path) {
        JsonNode list = this.calls.envelope("end check: list is empty", api.get(path + "?per_page=5"), 200);
        long total =
                list == null ? -1 : list.path("result_info").path("total_count").asLong(-1);
        if (list != null && total != 0) {
            this.calls.error("after cleanup " + path + " reports total_count " + total + ", expected 0");
        }
    }

    List<MemoryProbe.Sample> samples() {
        return List.copyOf(this.samples);
    }

    String heapKind() {
        return this.probe.heapKind();
    }

    /** Seconds under load, warm-up and soak together. */
    double loadSeconds() {
        return this.loadNanos / 1e9;
    }

    private static Thread started(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.start();
        return t;
    }

    private static void parkUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0
                && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
