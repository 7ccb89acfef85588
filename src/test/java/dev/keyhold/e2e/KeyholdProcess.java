package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.fail;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The packaged {@code keyhold.jar} running as a real process on a free loopback port, with its output in
 * {@code target/e2e/<name>.log}. Start it with {@link #start}, wait with {@link #awaitHealthy} or {@link #awaitExit},
 * and always {@link #close} it (try-with-resources).
 */
final class KeyholdProcess implements AutoCloseable {

    /**
     * How long Keyhold may take to report health UP, or to fail on bad configuration; {@code -Dkeyhold.e2e.startup-seconds}
     * gives a shared, overloaded machine more time.
     */
    static final Duration STARTUP_LIMIT = Duration.ofSeconds(Long.getLong("keyhold.e2e.startup-seconds", 60));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;
    private final long startedAtNanos;
    private final HttpClient http;
    private final String origin;

    private KeyholdProcess(
            String name, Process process, Path log, int port, long startedAtNanos, HttpClient http, String origin) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
        this.startedAtNanos = startedAtNanos;
        this.http = http;
        this.origin = origin;
    }

    /** The jar that {@code mvn package} built; failsafe passes it as {@code -Dkeyhold.jar}. */
    static Path jar() {
        String configured = System.getProperty("keyhold.jar");
        if (configured == null) {
            fail("-Dkeyhold.jar is not set: run the end-to-end tests through failsafe (mvn verify), which sets it");
        }
        Path jar = Path.of(configured).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail(jar + " does not exist: build it first with `mvn -DskipTests package` (mvn verify does)");
        }
        return jar;
    }

    /** The Maven {@code target} directory, where logs go. */
    static Path targetDir() {
        return jar().getParent();
    }

    /** The project's root directory. */
    static Path projectDir() {
        return targetDir().getParent();
    }

    /**
     * Starts {@code java -jar keyhold.jar} with only the given Keyhold/Spring variables: every {@code KEYHOLD_*},
     * {@code SPRING_*} and {@code SERVER_*} variable of this JVM's environment is removed first, so the developer's
     * shell cannot change what is tested. {@code SERVER_PORT} is set to a free port unless given.
     */
    static KeyholdProcess start(String name, Map<String, String> environment) {
        return start(name, environment, null);
    }

    /**
     * As {@link #start(String, Map)}, for a process that serves HTTPS ({@code KEYHOLD_TLS_*} in the environment):
     * health, {@link #get} and {@link #page} then go to {@code https://localhost:<port>} through a client that trusts
     * what {@code tls} trusts.
     */
    static KeyholdProcess start(String name, Map<String, String> environment, SSLContext tls) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        int port = env.containsKey("SERVER_PORT") ? Integer.parseInt(env.get("SERVER_PORT")) : freePort();
        env.put("SERVER_PORT", String.valueOf(port));
        Path logs = targetDir().resolve("e2e");
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar().toString())
                    .directory(logs.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment()
                    .keySet()
                    .removeIf(k -> k.startsWith("KEYHOLD_") || k.startsWith("SPRING_") || k.startsWith("SERVER_"));
            builder.environment().putAll(env);
            long started = System.nanoTime();
            HttpClient http = tls == null
                    ? HTTP
                    : HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(2))
                            .sslContext(tls)
                            .build();
            String origin = (tls == null ? "http://127.0.0.1:" : "https://localhost:") + port;
            return new KeyholdProcess(name, builder.start(), log, port, started, http, origin);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start " + name, ex);
        }
    }

    /**
     * Starts an admin command, {@code java -jar keyhold.jar <args>}, with the same clean environment as {@link #start}
     * and its output in {@code target/e2e/<name>.log}; the caller waits for it or kills it.
     */
    static Process command(String name, Map<String, String> environment, List<String> args) {
        Path log = targetDir().resolve("e2e").resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(log.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment()
                    .keySet()
                    .removeIf(k -> k.startsWith("KEYHOLD_") || k.startsWith("SPRING_") || k.startsWith("SERVER_"));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start " + name, ex);
        }
    }

    int port() {
        return port;
    }

    /** The API's base URL, {@code http://127.0.0.1:<port>/client/v4} (or {@code https://localhost:<port>/...}). */
    String apiBase() {
        return origin + "/client/v4";
    }

    /** Scheme, host and port: {@code http://127.0.0.1:<port>}, or {@code https://localhost:<port>} under TLS. */
    String origin() {
        return origin;
    }

    /** Everything the process printed so far. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException ex) {
            return "<cannot read " + log + ": " + ex + ">";
        }
    }

    Path logFile() {
        return log;
    }

    /**
     * Polls {@code /actuator/health} until it answers 200 with {@code "status":"UP"} and returns the time since the
     * process started; fails with the process log if it exits first or {@link #STARTUP_LIMIT} passes.
     */
    Duration awaitHealthy() {
        return awaitHealthy(STARTUP_LIMIT);
    }

    /** As {@link #awaitHealthy()}, with another limit. */
    Duration awaitHealthy(Duration limit) {
        long deadline = startedAtNanos + limit.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + " before reporting health UP; its log (" + log
                        + "):\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(origin + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - startedAtNanos);
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException ex) { // not listening yet, or busy starting
                last = ex.toString();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + name);
            }
            sleep(250);
        }
        fail(name + " did not report health UP within " + limit.toSeconds() + " s (last answer: " + last
                + "); its log (" + log + "):\n" + log());
        return null;
    }

    /** Waits for the process to exit by itself and returns its exit code, or fails after {@code limit}. */
    int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(name + " was still running after " + limit.toSeconds() + " s; its log (" + log + "):\n" + log());
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for " + name);
        }
        return process.exitValue();
    }

    /** Sends a GET to a dashboard page (a path outside the API), without credentials. */
    HttpResponse<String> page(String path) {
        return send(URI.create(origin + path), path);
    }

    /** Sends a GET to a path under the API base with the given headers (name, value, name, value, ...). */
    HttpResponse<String> get(String apiPath, String... headers) {
        return send(URI.create(apiBase() + apiPath), apiPath, headers);
    }

    private HttpResponse<String> send(URI uri, String apiPath, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException("GET " + apiPath + " on " + name + " failed; its log:\n" + log(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /**
     * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on the {@code java} process itself, which
     * {@link #start} runs without a shell), so no shutdown hook, graceful shutdown or connection-pool close runs, and
     * returns its exit code: 137 (128 + SIGKILL) on Linux.
     */
    int kill() {
        String command = process.info().command().orElse("");
        if (!Path.of(command).getFileName().toString().equals("java")) {
            fail(name + " runs " + command + ", not java: SIGKILL would hit a wrapper, not the JVM");
        }
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /** Stops the process (SIGTERM, then SIGKILL after 15 s) and waits for it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException ex) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A loopback port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The operator's dashboard password whenever a process gets fixed bootstrap credentials. */
    static final String DASHBOARD_PASSWORD = "e2e dashboard password";

    /**
     * The environment for a process with a data dir and, when email is not null, fixed bootstrap credentials (the
     * Global API Key and {@link #DASHBOARD_PASSWORD}).
     */
    static Map<String, String> environment(Path dataDir, String email, String apiKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KEYHOLD_DATA_DIR", dataDir.toString());
        if (email != null) {
            env.put("KEYHOLD_BOOTSTRAP_EMAIL", email);
            env.put("KEYHOLD_BOOTSTRAP_API_KEY", apiKey);
            env.put("KEYHOLD_BOOTSTRAP_PASSWORD", DASHBOARD_PASSWORD);
        }
        return env;
    }

    /** Runs a command to completion in a directory, output to a log file; fails with the log on timeout. */
    static int run(List<String> command, Path dir, Map<String, String> env, Path output, Duration limit) {
        try {
            Files.createDirectories(output.getParent());
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process p = builder.start();
            try {
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s; output:\n"
                            + Files.readString(output));
                }
                return p.exitValue();
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot run " + command, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " on port " + port;
    }
}
