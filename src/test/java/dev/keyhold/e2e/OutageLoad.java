package dev.keyhold.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Client threads that create p256v1 CSRs in a zone, fetch acknowledged ones and list the zone's CSRs until stopped,
 * recording every call; the ids of acknowledged creations (201) are kept apart.
 */
final class OutageLoad implements AutoCloseable {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final OutageClient client;

    private final String csrs;

    private final List<Thread> threads = new ArrayList<>();

    private final ConcurrentLinkedQueue<OutageClient.Call> calls = new ConcurrentLinkedQueue<>();

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    private final List<String> known = new CopyOnWriteArrayList<>();

    private volatile boolean stopped;

    private OutageLoad(OutageClient client, String csrs) {
        this.client = client;
        this.csrs = csrs;
    }

    static OutageLoad start(OutageClient client, String csrs, int threads) {
        OutageLoad load = new OutageLoad(client, csrs);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(load::run, "outage-client-" + i);
            t.setDaemon(true);
            load.threads.add(t);
            t.start();
        }
        return load;
    }

    private void run() {
        while (!this.stopped) {
            int n = NEXT.incrementAndGet();
            String name = "n" + n + ".outage.keyhold.dev";
            OutageClient.Call created = record(this.client.call(
                    "POST",
                    this.csrs,
                    "{\"country\":\"US\",\"state\":\"MA\",\"locality\":\"Boston\",\"organization\":\"Keyhold\","
                            + "\"common_name\":\"" + name + "\",\"sans\":[\"" + name + "\"],\"key_type\":\"p256v1\"}"));
            if (created.status() == 201) {
                JsonNode body = DatabaseOutageTests.JSON.readTree(created.body());
                String id = body.path("result").path("id").asString();
                this.acknowledged.add(id);
                this.known.add(id);
            }
            if (!this.known.isEmpty()) {
                String id = this.known.get(ThreadLocalRandom.current().nextInt(this.known.size()));
                record(this.client.call("GET", this.csrs + "/" + id, null));
            }
            record(this.client.call("GET", this.csrs + "?per_page=5", null));
        }
    }

    private OutageClient.Call record(OutageClient.Call call) {
        this.calls.add(call);
        return call;
    }

    /** Stops the clients and waits for their last calls. */
    void stop() throws InterruptedException {
        this.stopped = true;
        for (Thread t : this.threads) {
            t.join(30_000);
        }
    }

    List<OutageClient.Call> calls() {
        return List.copyOf(this.calls);
    }

    Set<String> acknowledged() {
        return Set.copyOf(this.acknowledged);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
