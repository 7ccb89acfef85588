package dev.keyhold.bench;

/** The targets of issue 5; every one also requires zero errors (checked by {@link Row}). */
final class Targets {

    private Targets() {}

    static Suite.Target rsaSteady() {
        return new Suite.Target(
                "p50 ≤ 5 ms, p99 ≤ 25 ms", m -> m.percentileMillis(50) <= 5 && m.percentileMillis(99) <= 25);
    }

    static Suite.Target rsaThroughput(double keygenPerSecond) {
        return new Suite.Target(
                String.format(
                        "≥ 90%% of keygen-only capacity (%.0f keys/s → ≥ %.0f req/s)",
                        keygenPerSecond, 0.9 * keygenPerSecond),
                m -> m.throughput() >= 0.9 * keygenPerSecond);
    }

    static Suite.Target p256Create() {
        return new Suite.Target(
                "≥ 1000 req/s, p99 ≤ 50 ms", m -> m.throughput() >= 1000 && m.percentileMillis(99) <= 50);
    }

    static Suite.Target getById() {
        return new Suite.Target("≥ 3000 req/s", m -> m.throughput() >= 3000);
    }

    static Suite.Target list() {
        return new Suite.Target("p99 ≤ 20 ms", m -> m.percentileMillis(99) <= 20);
    }

    /** At the largest size: p99 ≤ 20 ms and at most twice the smallest size's p99. */
    static Suite.Target listLargest(String smallest, double smallestP99) {
        return new Suite.Target(
                String.format(
                        "p99 ≤ 20 ms and ≤ 2× the %s figure (%.2f ms → ≤ %.2f ms)",
                        smallest, smallestP99, 2 * smallestP99),
                m -> m.percentileMillis(99) <= 20 && m.percentileMillis(99) <= 2 * smallestP99);
    }

    static Suite.Target upload() {
        return new Suite.Target("≥ 300 req/s", m -> m.throughput() >= 300);
    }
}
