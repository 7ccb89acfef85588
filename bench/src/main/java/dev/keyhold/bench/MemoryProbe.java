package dev.keyhold.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures a server JVM's memory the same way every time: {@code jcmd <pid> GC.class_histogram}, which runs a full,
 * stop-the-world collection and then counts the objects that survived at the same safepoint, gives the live heap;
 * {@code VmRSS} of {@code /proc/<pid>/status} right after gives the resident set. {@code GC.heap_info} (committed
 * heap, metaspace, address range), {@code Compiler.codecache} and {@code /proc/<pid>/smaps} (the resident part of the
 * heap's and the code cache's address ranges) explain the RSS.
 *
 * <p>NOTE: not {@code GC.run} followed by {@code GC.heap_info}: that is two jcmd processes, seconds apart on a loaded
 * machine, and under load the heap's "used" then counts what was allocated since the collection (60-70 MB where the
 * histogram found 36 MB live).
 */
final class MemoryProbe {

    /**
     * One sample; sizes in KiB. {@code heapUsedKb} is the live heap after the full GC (class histogram total);
     * {@code heapInfoUsedKb} is "used" of {@code GC.heap_info} read a moment later; {@code dataFileKb} the size of the
     * H2 database file, -1 on PostgreSQL.
     */
    record Sample(
            double seconds,
            String phase,
            long heapUsedKb,
            long heapInfoUsedKb,
            long heapCommittedKb,
            long metaspaceUsedKb,
            long codeCacheUsedKb,
            int threads,
            long rssKb,
            long heapRssKb,
            long codeRssKb,
            long dataFileKb) {

        double heapUsedMb() {
            return this.heapUsedKb / 1024.0;
        }

        double rssMb() {
            return this.rssKb / 1024.0;
        }
    }

    // NOTE: one leading space marks a whole heap or generation (G1's "garbage-first heap", Serial's and Parallel's
    // generations); deeper lines are its regions or spaces
    private static final Pattern HEAP = Pattern.compile("(?m)^ (\\S[^\\n]*?)\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");
    private static final Pattern METASPACE = Pattern.compile("(?m)^ Metaspace\\s+used (\\d+)K");
    private static final Pattern CODE_HEAP = Pattern.compile("(?m)^CodeHeap '[^']*': size=\\d+Kb used=(\\d+)Kb");
    // NOTE: the reserved address ranges: of the heap ("[start, end)" on the first heap line) and of each code heap
    private static final Pattern HEAP_RANGE = Pattern.compile("(?m)^ \\S.*?\\[(0x[0-9a-f]+), (0x[0-9a-f]+)\\)");
    private static final Pattern CODE_RANGE =
            Pattern.compile("(?m)^ bounds \\[(0x[0-9a-f]+), 0x[0-9a-f]+, (0x[0-9a-f]+)\\]");

    private final long pid;
    private final Path dataDir;
    private final String jcmd;
    private volatile String heapKind = "unknown";

    /** Probes the JVM {@code pid}; with {@code dataDir} not null also the size of the H2 files ({@code *.mv.db}) in it. */
    MemoryProbe(long pid, Path dataDir) {
        this.pid = pid;
        this.dataDir = dataDir;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        if (!new File(this.jcmd).canExecute()) {
            throw new IllegalStateException("the soak measures memory with " + this.jcmd
                    + ", which is missing: run the bench with a full JDK, not a JRE");
        }
    }

    /** Forces a full GC in the server, then reads its heap and RSS. */
    Sample sample(double seconds, String phase) {
        Matcher total = HISTOGRAM_TOTAL.matcher(jcmd("GC.class_histogram"));
        if (!total.find()) {
            throw new IllegalStateException("no Total line in jcmd GC.class_histogram output");
        }
        long live = Long.parseLong(total.group(1)) / 1024;
        String info = jcmd("GC.heap_info");
        long rss = statusField("VmRSS:");
        int threads = (int) statusField("Threads:");
        String codeInfo = jcmd("Compiler.codecache");
        Matcher code = CODE_HEAP.matcher(codeInfo);
        long codeCache = 0;
        while (code.find()) {
            codeCache += Long.parseLong(code.group(1));
        }
        Smaps smaps = Smaps.read(this.pid);
        long heapRss = 0;
        Matcher heapRange = HEAP_RANGE.matcher(info);
        while (heapRange.find()) {
            heapRss += smaps.rssKbWithin(hex(heapRange.group(1)), hex(heapRange.group(2)));
        }
        long codeRss = 0;
        Matcher codeRange = CODE_RANGE.matcher(codeInfo);
        while (codeRange.find()) {
            codeRss += smaps.rssKbWithin(hex(codeRange.group(1)), hex(codeRange.group(2)));
        }
        Matcher heap = HEAP.matcher(info);
        long used = 0;
        long committed = 0;
        StringBuilder kinds = new StringBuilder();
        while (heap.find()) {
            kinds.append(kinds.length() == 0 ? "" : " + ").append(heap.group(1).strip());
            committed += Long.parseLong(heap.group(2));
            used += Long.parseLong(heap.group(3));
        }
        if (kinds.length() == 0) {
            throw new IllegalStateException("cannot read the heap in jcmd GC.heap_info output: " + info);
        }
        this.heapKind = kinds.toString();
        Matcher meta = METASPACE.matcher(info);
        long metaspace = meta.find() ? Long.parseLong(meta.group(1)) : -1;
        return new Sample(
                seconds,
                phase,
                live,
                used,
                committed,
                metaspace,
                codeCache,
                threads,
                rss,
                heapRss,
                codeRss,
                dataFileKb());
    }

    private long dataFileKb() {
        if (this.dataDir == null) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(this.dataDir, 3)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".mv.db"))
                            .mapToLong(f -> f.toFile().length())
                            .sum()
                    / 1024;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot measure the H2 files in " + this.dataDir, ex);
        }
    }

    /** The heap (or generations) {@code GC.heap_info} last named, such as "garbage-first heap". */
    String heapKind() {
        return this.heapKind;
    }

    private String jcmd(String command) {
        try {
            Process p = new ProcessBuilder(List.of(this.jcmd, String.valueOf(this.pid), command))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + this.pid + " " + command + " failed: " + out);
            }
            return out;
        } catch (IOException ex) {
            throw new IllegalStateException("cannot run jcmd " + this.pid + " " + command, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", ex);
        }
    }

    private static long hex(String text) {
        return Long.parseUnsignedLong(text.substring(2), 16);
    }

    /** A number field of {@code /proc/<pid>/status}, such as {@code VmRSS:} (in kB) or {@code Threads:}. */
    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + this.pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("cannot read " + name + " of process " + this.pid, ex);
        }
        throw new IllegalStateException("no " + name + " in /proc/" + this.pid + "/status");
    }
}
