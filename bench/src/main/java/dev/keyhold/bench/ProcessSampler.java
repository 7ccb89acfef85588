package dev.keyhold.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples a process's resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) every 250 ms on a daemon thread,
 * keeping the peak since the last {@link #resetWindow} and over the whole life; also reads {@code VmHWM} and the
 * process's CPU time.
 */
final class ProcessSampler {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long pid;
    private final Thread thread;
    private volatile long windowPeakKb;
    private volatile long overallPeakKb;
    private volatile long lastHwmKb;

    ProcessSampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::loop, "rss-" + pid);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            sample();
            try {
                Thread.sleep(250);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    private synchronized void sample() {
        long rss = statusKb("VmRSS:");
        if (rss > 0) {
            this.windowPeakKb = Math.max(this.windowPeakKb, rss);
            this.overallPeakKb = Math.max(this.overallPeakKb, rss);
        }
        long hwm = statusKb("VmHWM:");
        if (hwm > 0) {
            this.lastHwmKb = hwm;
        }
    }

    /** Starts a new window for {@link #windowPeakMb}. */
    synchronized void resetWindow() {
        this.windowPeakKb = 0;
        sample();
    }

    synchronized double windowPeakMb() {
        sample();
        return this.windowPeakKb / 1024.0;
    }

    synchronized double overallPeakMb() {
        sample();
        return this.overallPeakKb / 1024.0;
    }

    /** The kernel's own high-water mark of the resident set, last seen while the process ran. */
    synchronized double hwmMb() {
        sample();
        return this.lastHwmKb / 1024.0;
    }

    /** User plus system CPU time of the process so far, in nanoseconds (0 once it exited). */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/" + this.pid + "/stat"));
            // NOTE: the command name (field 2) may contain spaces; fields count from after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException ex) {
            return 0;
        }
    }

    void stop() {
        sample();
        this.thread.interrupt();
    }

    private long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + this.pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException ex) {
            // the process is gone; keep the last figures
        }
        return 0;
    }
}
