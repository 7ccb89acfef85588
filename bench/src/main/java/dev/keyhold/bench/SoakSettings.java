package dev.keyhold.bench;

import java.time.Duration;

/**
 * Lengths and load of a soak run: {@code clients} closed-loop clients for {@code length} in all, of which the first
 * {@code warmup} is the warm-up; memory is sampled every {@code sampleEvery}. Each client keeps at most
 * {@code workingSet} CSRs alive (deleting the oldest, certificate first), so the data stays bounded. With
 * {@code checkMemory} the run fails when the post-GC heap or the RSS at the end exceeds {@code memoryLimit} times the
 * figure after warm-up.
 */
record SoakSettings(
        Duration length,
        Duration warmup,
        int clients,
        Duration sampleEvery,
        Duration settle,
        int workingSet,
        double memoryLimit,
        boolean checkMemory,
        boolean h2) {

    /** The full soak: 2 minutes of warm-up, memory checked against a 10% bound. */
    static SoakSettings full(Duration length, boolean h2) {
        Duration warmup = Duration.ofSeconds(Math.min(120, length.toSeconds() / 5));
        return new SoakSettings(length, warmup, 8, Duration.ofSeconds(30), Duration.ofSeconds(5), 12, 1.10, true, h2);
    }

    /**
     * The smoke soak: a minute, same mix and zero-error check; memory is sampled and reported but not checked, since
     * a 20 s warm-up leaves the JIT and the heap's sizing far from settled and a 10% bound would fail on noise.
     */
    static SoakSettings smoke() {
        return new SoakSettings(
                Duration.ofSeconds(60),
                Duration.ofSeconds(20),
                8,
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                12,
                1.10,
                false,
                false);
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
