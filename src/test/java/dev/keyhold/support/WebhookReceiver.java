package dev.keyhold.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that takes webhook POSTs and records each one. It answers with the statuses queued by
 * {@link #answer(int...)}, in order, and with the fallback status once they are used up. Close it after the test.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received: method, path, headers (names lower-cased) and body. */
    public record Received(String method, String path, Map<String, String> headers, String body) {

        public String header(String name) {
            return this.headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;

    private final List<Received> received = new ArrayList<>();

    private final Deque<Integer> answers = new ArrayDeque<>();

    private int fallback = 200;

    public WebhookReceiver() {
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.setExecutor(Executors.newSingleThreadExecutor());
        this.server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            synchronized (this) {
                this.received.add(new Received(
                        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
                status = this.answers.isEmpty() ? this.fallback : this.answers.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        this.server.start();
    }

    /** The URL to register, e.g. {@code http://127.0.0.1:40123/hook}. */
    public String url(String path) {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
    }

    /** Answers the next requests with these statuses, then with the fallback. */
    public synchronized WebhookReceiver answer(int... statuses) {
        for (int status : statuses) {
            this.answers.add(status);
        }
        return this;
    }

    /** The status for every request once the queued answers are used up (200 unless set). */
    public synchronized WebhookReceiver otherwise(int status) {
        this.fallback = status;
        return this;
    }

    public synchronized List<Received> received() {
        return List.copyOf(this.received);
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
