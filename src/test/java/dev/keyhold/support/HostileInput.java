package dev.keyhold.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The invariant every fuzz target checks: for any input the code under test either returns a result or throws one of
 * its documented domain exceptions, and spends at most {@link #CPU_LIMIT} of CPU on it. Any other exception or error
 * (NullPointerException, IllegalArgumentException, StackOverflowError, OutOfMemoryError) escapes, so Jazzer reports
 * it as a finding and JUnit fails the seed that reproduces it.
 */
public final class HostileInput {

    /**
     * CPU time, not wall time, so a machine busy with other builds never fails a seed; {@code -Dkeyhold.fuzz.cpu-limit}
     * (milliseconds) changes it.
     */
    public static final Duration CPU_LIMIT = Duration.ofMillis(Long.getLong("keyhold.fuzz.cpu-limit", 1000));

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HostileInput() {}

    /** The input as text, the way a servlet container decodes a UTF-8 body (malformed bytes become U+FFFD). */
    public static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /**
     * Runs the action on one input.
     *
     * @return the result, or null when the action threw a documented exception
     * @throws AssertionError when the action took longer than {@link #CPU_LIMIT}
     */
    public static <T> T check(Supplier<T> action, List<Class<? extends RuntimeException>> documented) {
        long start = cpuNanos();
        T result = null;
        try {
            result = action.get();
        } catch (RuntimeException ex) {
            if (documented.stream().noneMatch(type -> type.isInstance(ex))) {
                throw ex;
            }
        }
        Duration spent = Duration.ofNanos(cpuNanos() - start);
        if (spent.compareTo(CPU_LIMIT) > 0) {
            throw new AssertionError(
                    "one input took " + spent.toMillis() + " ms of CPU; at most " + CPU_LIMIT.toMillis() + " ms");
        }
        return result;
    }

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
