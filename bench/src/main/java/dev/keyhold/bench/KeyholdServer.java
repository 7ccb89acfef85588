package dev.keyhold.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code keyhold.jar} as a child process with default settings plus the given variables, its output in
 * {@code <logs>/<name>.log}. {@link #start} returns once {@code /actuator/health} answers 200 with status UP, having
 * measured the time from spawn; always {@link #stop} it.
 */
final class KeyholdServer {

    // NOTE: generous: on a shared 2-core machine at load 30 a start took over 2 minutes
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(300);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final ProcessSampler sampler;
    private final Duration timeToHealthy;

    private KeyholdServer(String name, Process process, int port, Path log, Duration timeToHealthy) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.sampler = new ProcessSampler(process.pid());
        this.timeToHealthy = timeToHealthy;
    }

    /** Spawns {@code java [jvmOptions] -jar jar} with only {@code env} among Keyhold/Spring/server variables. */
    static KeyholdServer start(String name, Path jar, Map<String, String> env, List<String> jvmOptions, Path logs) {
        int port = freePort();
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(logs.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment()
                    .keySet()
                    .removeIf(k -> k.startsWith("KEYHOLD_") || k.startsWith("SPRING_") || k.startsWith("SERVER_"));
            builder.environment().putAll(env);
            builder.environment().put("SERVER_PORT", String.valueOf(port));
            long spawned = System.nanoTime();
            Process process = builder.start();
            // NOTE: no server outlives the driver, even when it is interrupted
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }));
            // run.sh kills what is named here if the driver itself dies
            Files.writeString(logs.resolve(name + ".pid"), String.valueOf(process.pid()));
            Duration healthy;
            try {
                healthy = awaitHealthy(name, process, port, spawned, log);
            } catch (RuntimeException ex) {
                process.destroyForcibly();
                throw ex;
            }
            return new KeyholdServer(name, process, port, log, healthy);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", ex);
        }
    }

    private static Duration awaitHealthy(String name, Process process, int port, long spawned, Path log) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        String last = "no answer yet";
        while (System.nanoTime() - spawned < STARTUP_LIMIT.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before reporting health UP; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - spawned);
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException ex) {
                last = ex.toString();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, ex);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, ex);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not report health UP within " + STARTUP_LIMIT.toSeconds()
                + " s (last answer: " + last + "); see " + log);
    }

    String name() {
        return this.name;
    }

    long pid() {
        return this.process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + this.port;
    }

    Duration timeToHealthy() {
        return this.timeToHealthy;
    }

    ProcessSampler sampler() {
        return this.sampler;
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s) and waits for it. */
    void stop() {
        this.sampler.stop();
        if (this.process.isAlive()) {
            this.process.destroy();
            try {
                if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
                    this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ex) {
                this.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (!this.process.isAlive()) {
            try {
                Files.deleteIfExists(this.log.resolveSibling(this.name + ".pid"));
            } catch (IOException ex) {
                // run.sh also checks the command line before it kills anything
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
