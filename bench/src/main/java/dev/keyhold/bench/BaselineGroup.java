package dev.keyhold.bench;

import java.security.Provider;

/** Group "Baselines": RSA-2048 key generation on all cores (JDK vs ACCP) and sequential {@code openssl req}. */
final class BaselineGroup {

    static final String GROUP = "Baselines (no server running)";

    private final Suite suite;
    private final Settings settings;
    private final Provider accp;

    BaselineGroup(Suite suite, Settings settings, Provider accp) {
        this.suite = suite;
        this.settings = settings;
        this.accp = accp;
    }

    /** Runs the baselines; returns ACCP's RSA-2048 keys per second on all cores (the JDK's if ACCP cannot load). */
    double run() {
        int cores = Runtime.getRuntime().availableProcessors();
        String load = cores + " threads";
        System.err.println("bench: keygen baselines, " + load);
        Measurement jdk = Baselines.rsaKeygen(Baselines.jdk(), cores, this.settings.keygen());
        this.suite.add(GROUP, "RSA-2048 keygen, JDK SunRsaSign", load, jdk, Suite.Target.none(), "keys/s");
        double capacity = jdk.throughput();
        if (this.accp != null) {
            Measurement a = Baselines.rsaKeygen(this.accp, cores, this.settings.keygen());
            this.suite.add(
                    GROUP,
                    "RSA-2048 keygen, ACCP " + this.accp.getVersionStr(),
                    load,
                    a,
                    Suite.Target.none(),
                    String.format("keys/s; %.1fx the JDK", a.throughput() / Math.max(jdk.throughput(), 1e-9)));
            capacity = a.throughput();
        } else {
            this.suite.failed(
                    GROUP,
                    "RSA-2048 keygen, ACCP",
                    "-",
                    load,
                    Suite.Target.none(),
                    new IllegalStateException("ACCP did not load; see stderr"));
        }
        System.err.println("bench: openssl req baseline");
        Measurement openssl = Baselines.opensslReq(this.settings.opensslRuns());
        this.suite.add(
                GROUP,
                "openssl req -newkey rsa:2048, sequential",
                "1 process at a time",
                openssl,
                Suite.Target.none(),
                "CSRs/s, each a new openssl process");
        return capacity;
    }
}
