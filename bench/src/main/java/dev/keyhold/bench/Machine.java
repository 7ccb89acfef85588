package dev.keyhold.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine a run measured, read from {@code /proc}, the JVM and the tools themselves. */
final class Machine {

    private Machine() {}

    static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nproc", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("CPU", field(Path.of("/proc/cpuinfo"), "model name"));
        String memKb =
                field(Path.of("/proc/meminfo"), "MemTotal").replace("kB", "").trim();
        m.put("RAM", memKb.isEmpty() ? "unknown" : String.format("%.1f GiB", Long.parseLong(memKb) / 1048576.0));
        m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put(
                "java -version",
                run(List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-version"))
                        .replace('\n', ' ')
                        .trim());
        m.put("openssl version", run(List.of("openssl", "version")).trim());
        m.put("load average at start (1, 5, 15 min)", loadAverage());
        return m;
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException ex) {
            return "unknown";
        }
    }

    private static String field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ex) {
            return "unknown";
        }
        return "unknown";
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException ex) {
            return "unavailable (" + ex.getMessage() + ")";
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
