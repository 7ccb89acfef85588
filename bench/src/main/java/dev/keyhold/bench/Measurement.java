package dev.keyhold.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one load phase observed: a latency histogram in microseconds, request and error counts, the first few error
 * answers, the wall time and the driver's own CPU time. Filled concurrently by the client threads.
 */
final class Measurement {

    private static final int ERROR_SAMPLES = 5;

    private final Histogram latencyMicros = new Histogram(3_600_000_000L, 3);
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
    private long requests;
    private long errors;
    private long elapsedNanos;
    private long driverCpuNanos;

    synchronized void record(long latencyNanos, boolean ok, String failure) {
        this.latencyMicros.recordValue(Math.max(1, latencyNanos / 1_000));
        this.requests++;
        if (!ok) {
            this.errors++;
            if (this.errorSamples.size() < ERROR_SAMPLES) {
                this.errorSamples.add(failure.length() > 400 ? failure.substring(0, 400) + "..." : failure);
            }
        }
    }

    synchronized void finish(long elapsedNanos, long driverCpuNanos) {
        this.elapsedNanos = elapsedNanos;
        this.driverCpuNanos = driverCpuNanos;
    }

    synchronized long requests() {
        return this.requests;
    }

    synchronized long errors() {
        return this.errors;
    }

    synchronized double seconds() {
        return this.elapsedNanos / 1e9;
    }

    synchronized double throughput() {
        return this.elapsedNanos == 0 ? 0 : this.requests / seconds();
    }

    /** The latency at a percentile, in milliseconds. */
    synchronized double percentileMillis(double percentile) {
        return this.requests == 0 ? 0 : this.latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
    }

    synchronized double maxMillis() {
        return this.requests == 0 ? 0 : this.latencyMicros.getMaxValue() / 1_000.0;
    }

    /** The driver's CPU use during the phase, in cores (1.0 = one core busy). */
    synchronized double driverCores() {
        return this.elapsedNanos == 0 ? 0 : (double) this.driverCpuNanos / this.elapsedNanos;
    }

    List<String> errorSamples() {
        synchronized (this.errorSamples) {
            return List.copyOf(this.errorSamples);
        }
    }
}
