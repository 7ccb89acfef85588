package dev.keyhold.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Checks that the driver is not the bottleneck: the same closed loop (16 clients) against a trivial in-process HTTP
 * server that answers a fixed success envelope. Both share the machine's cores, so the figure is a lower bound of
 * what the driver can send; compare it with the server scenarios' throughput.
 */
final class DriverCheck {

    private static final byte[] BODY =
            "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{}}".getBytes(StandardCharsets.UTF_8);

    private final Suite suite;
    private final Settings settings;

    DriverCheck(Suite suite, Settings settings) {
        this.suite = suite;
        this.settings = settings;
    }

    void run() {
        // NOTE: without TCP_NODELAY the JDK's server writes headers and body apart and waits out delayed ACKs (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ExecutorService workers = Executors.newFixedThreadPool(4);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.setExecutor(workers);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4/echo");
            HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
            System.err.println("bench: driver check against a trivial in-process server");
            Measurement m = this.suite
                    .driver()
                    .closedLoop(this.settings.getClients(), this.settings.keygen(), (c, r) -> request, null);
            this.suite.add(
                    BaselineGroup.GROUP,
                    "driver check: JDK HttpClient against a trivial in-process HTTP server",
                    this.settings.getClients() + " clients",
                    m,
                    Suite.Target.none(),
                    "a lower bound of the driver's capacity; it shares the cores with that server");
        } finally {
            server.stop(0);
            workers.shutdownNow();
        }
    }
}
