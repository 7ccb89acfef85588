package dev.keyhold.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a soak observed: per phase (warm-up, soak, cleanup) one {@link Measurement} per operation, and every error of
 * the run in order (the first {@link #KEPT_ERRORS} kept word for word, all counted).
 */
final class SoakStats {

    static final String WARMUP = "warm-up";
    static final String SOAK = "soak";
    static final String CLEANUP = "cleanup";
    private static final int KEPT_ERRORS = 200;

    private final long started = System.nanoTime();
    private final Map<String, Map<String, Measurement>> phases = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong errorCount = new AtomicLong();

    /** The measurement of {@code op} in {@code phase}, made on first use. */
    Measurement of(String phase, String op) {
        return this.phases
                .computeIfAbsent(phase, p -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(op, o -> new Measurement());
    }

    /** The phase's measurements by operation, sorted by name (empty when the phase did not run). */
    Map<String, Measurement> phase(String phase) {
        return this.phases.getOrDefault(phase, Map.of());
    }

    /** Records an error of the run: a wrong answer, a failed request or a failed end check. */
    void error(String phase, String what) {
        this.errorCount.incrementAndGet();
        String line = String.format("%.1f s, %s: %s", secondsSinceStart(), phase, what);
        synchronized (this.errors) {
            if (this.errors.size() < KEPT_ERRORS) {
                this.errors.add(line.length() > 600 ? line.substring(0, 600) + "..." : line);
            }
        }
    }

    long errorCount() {
        return this.errorCount.get();
    }

    List<String> errors() {
        synchronized (this.errors) {
            return List.copyOf(this.errors);
        }
    }

    /** Operations of every phase. */
    long operations() {
        return this.phases.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Measurement::requests)
                .sum();
    }

    double secondsSinceStart() {
        return (System.nanoTime() - this.started) / 1e9;
    }
}
