package dev.keyhold.bench;

import java.time.Duration;
import java.util.List;

/**
 * Lengths and load of a soak run: {@code clients} closed-loop clients, first for a warm-up, then for {@code length}
 * (the soak proper); memory is sampled every {@code sampleEvery}. The warm-up lasts at least {@code warmup} and at
 * most {@code maxWarmup}: in between it ends at the first sample whose RSS is within {@code settledWithin} of the RSS
 * a minute before and whose code cache's resident size grew by at most {@code codeSettledKb} in that minute, so the
 * baseline is taken once the JVM has sized its heap and compiled its hot code. Each client
 * keeps at most {@code workingSet} CSRs alive (deleting the oldest, certificate first), so the data stays bounded.
 * With {@code checkMemory} the run fails when the post-GC heap or the RSS at the end exceeds {@code memoryLimit} times
 * the figure after warm-up.
 */
record SoakSettings(
        Duration length,
        Duration warmup,
        Duration maxWarmup,
        double settledWithin,
        long codeSettledKb,
        int clients,
        Duration sampleEvery,
        Duration settle,
        int workingSet,
        double memoryLimit,
        boolean checkMemory,
        boolean h2) {

    /** How far back {@link #settled} compares. */
    static final Duration SETTLED_OVER = Duration.ofSeconds(60);

    /**
     * The full soak: {@code length} of load after a warm-up of 2 to 8 minutes that ends once, over a minute, RSS grew
     * by at most 1% and the code cache's resident size by at most 1 MB; memory checked against a 10% bound.
     *
     * <p>NOTE: the code cache's own test matters with a pre-touched heap, whose RSS is constant: there the JIT's
     * 2-3 MB a minute in the first five minutes is under 1% of RSS, and a warm-up that ended at 2 minutes saw RSS
     * grow 8% more while the JIT went on compiling.
     */
    static SoakSettings full(Duration length, boolean h2) {
        return new SoakSettings(
                length,
                Duration.ofSeconds(120),
                Duration.ofSeconds(480),
                0.01,
                1024,
                8,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                12,
                1.10,
                true,
                h2);
    }

    /**
     * The smoke soak: a minute, same mix and zero-error check; memory is sampled and reported but not checked, since
     * a 20 s warm-up leaves the JIT and the heap's sizing far from settled and a 10% bound would fail on noise.
     */
    static SoakSettings smoke() {
        return new SoakSettings(
                Duration.ofSeconds(40),
                Duration.ofSeconds(20),
                Duration.ofSeconds(20),
                0.01,
                1024,
                8,
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                12,
                1.10,
                false,
                false);
    }

    /**
     * Whether the warm-up may end after {@code samples}, the warm-up's samples under load in order: the last one is
     * at least {@code warmup} in, and against the latest sample taken {@link #SETTLED_OVER} or more before it, its RSS
     * is at most {@code settledWithin} above and its code cache's resident size at most {@code codeSettledKb} above.
     * {@code elapsedSeconds} counts from the warm-up's start.
     */
    boolean settled(List<MemoryProbe.Sample> samples, double elapsedSeconds) {
        if (samples.isEmpty() || elapsedSeconds < this.warmup.toSeconds()) {
            return false;
        }
        MemoryProbe.Sample last = samples.get(samples.size() - 1);
        for (int i = samples.size() - 2; i >= 0; i--) {
            MemoryProbe.Sample earlier = samples.get(i);
            if (last.seconds() - earlier.seconds() >= SETTLED_OVER.toSeconds()) {
                return last.rssKb() <= (1 + this.settledWithin) * earlier.rssKb()
                        && last.codeRssKb() - earlier.codeRssKb() <= this.codeSettledKb;
            }
        }
        return false;
    }

    /** {@code 600}, {@code 600s}, {@code 10m} or {@code 1h}. */
    static Duration parse(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(
                    "soak duration " + text + " is not a number of seconds or like 600s, 10m or 1h", ex);
        }
    }
}
