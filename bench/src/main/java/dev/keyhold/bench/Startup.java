package dev.keyhold.bench;

/** A server process's start and memory: spawn to first health UP, peak sampled RSS and the kernel's VmHWM, in MB. */
record Startup(String server, String database, double healthySeconds, double peakRssMb, double hwmMb) {

    static final double HEALTHY_TARGET_SECONDS = 8;
    static final double RSS_TARGET_MB = 512;

    boolean met() {
        return this.healthySeconds <= HEALTHY_TARGET_SECONDS && this.peakRssMb <= RSS_TARGET_MB;
    }
}
