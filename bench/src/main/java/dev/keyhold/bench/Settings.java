package dev.keyhold.bench;

import java.time.Duration;
import java.util.List;

/** Lengths, loads and data sizes of one run: the full suite, or {@code --smoke} (a few seconds per scenario). */
record Settings(
        boolean smoke,
        Duration warmup,
        Duration rsaSteady,
        double rsaRate,
        Duration rsaFlat,
        int rsaClients,
        Duration p256,
        int p256Clients,
        Duration reads,
        int getClients,
        int listClients,
        Duration keygen,
        int opensslRuns,
        List<Integer> seedSizes,
        int seedBatch,
        int uploads,
        int uploadClients,
        Duration multiNode) {

    static Settings forFull() {
        return new Settings(
                false,
                // NOTE: C2 keeps compiling for two minutes of load on 2 cores; shorter warm-ups measure the JIT
                Duration.ofSeconds(90),
                Duration.ofSeconds(60),
                5,
                Duration.ofSeconds(60),
                4,
                Duration.ofSeconds(30),
                16,
                Duration.ofSeconds(30),
                16,
                4,
                Duration.ofSeconds(20),
                30,
                List.of(10_000, 100_000, 1_000_000),
                100_000,
                6_000,
                8,
                Duration.ofSeconds(30));
    }

    static Settings forSmoke() {
        Duration s = Duration.ofSeconds(3);
        return new Settings(
                true,
                Duration.ofSeconds(1),
                s,
                5,
                s,
                4,
                s,
                16,
                s,
                16,
                4,
                Duration.ofSeconds(2),
                3,
                List.of(1_000, 2_000, 5_000),
                1_000,
                600,
                8,
                s);
    }

    String mode() {
        return this.smoke ? "smoke" : "full";
    }
}
