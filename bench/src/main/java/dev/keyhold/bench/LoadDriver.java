package dev.keyhold.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends HTTP/1.1 keep-alive requests in two models: closed loop (N clients, each send then receive) and open loop at a
 * fixed rate, where latency counts from the intended send time so a stalled server cannot hide its queue
 * (coordinated omission). Any non-2xx answer or one without {@code "success":true} is an error.
 */
final class LoadDriver {

    /** Makes the next request for a client ({@code client} is its number), or null when there is no more work. */
    interface Requests {
        HttpRequest next(int client, ThreadLocalRandom random);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final HttpClient http;

    LoadDriver() {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpClient http() {
        return this.http;
    }

    /** {@code clients} threads, each sending its next request when the previous answer arrived, for {@code length}. */
    Measurement closedLoop(int clients, Duration length, Requests requests, Consumer<String> onSuccess) {
        Measurement m = new Measurement();
        long cpu0 = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(
                    () -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (System.nanoTime() < end) {
                            HttpRequest request = requests.next(client, random);
                            if (request == null) {
                                return; // the scenario's work is done
                            }
                            send(request, System.nanoTime(), m, onSuccess);
                        }
                    },
                    "client-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            join(t);
        }
        m.finish(System.nanoTime() - start, OS.getProcessCpuTime() - cpu0);
        return m;
    }

    /**
     * An open model: request {@code i} is due at {@code start + i / rate} and is handed to a pool of senders at that
     * moment; its latency runs from the due time, so time spent waiting for a free sender counts.
     */
    Measurement fixedRate(double perSecond, Duration length, Requests requests, Consumer<String> onSuccess) {
        Measurement m = new Measurement();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        long cpu0 = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long period = (long) (1e9 / perSecond);
        long count = (long) (length.toNanos() / period);
        for (long i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            senders.execute(() -> send(requests.next(0, ThreadLocalRandom.current()), due, m, onSuccess));
        }
        senders.shutdown();
        try {
            if (!senders.awaitTermination(2, TimeUnit.MINUTES)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        m.finish(Math.max(System.nanoTime() - start, length.toNanos()), OS.getProcessCpuTime() - cpu0);
        return m;
    }

    private void send(HttpRequest request, long since, Measurement m, Consumer<String> onSuccess) {
        try {
            HttpResponse<String> r = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - since;
            boolean ok = r.statusCode() / 100 == 2 && succeeded(r.body());
            m.record(
                    latency,
                    ok,
                    ok
                            ? null
                            : request.method() + " " + request.uri().getPath() + " -> " + r.statusCode() + " "
                                    + r.body());
            if (ok && onSuccess != null) {
                onSuccess.accept(r.body());
            }
        } catch (IOException ex) {
            m.record(
                    System.nanoTime() - since,
                    false,
                    request.method() + " " + request.uri().getPath() + " -> " + ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The v4 envelope says {@code "success":true} (checked without parsing, to keep the driver cheap). */
    static boolean succeeded(String body) {
        int i = body.indexOf("\"success\"");
        if (i < 0) {
            return false;
        }
        int j = i + 9;
        while (j < body.length() && (body.charAt(j) == ':' || body.charAt(j) == ' ')) {
            j++;
        }
        return body.startsWith("true", j);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
