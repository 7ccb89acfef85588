package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.fail;

import dev.keyhold.support.TestCa;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client threads that create custom CSRs (rsa2048 and p256v1, zone and account scope) and upload certificates for CSRs
 * already created, against one Keyhold process, until {@link #killWhen} kills it. Every write the server acknowledged
 * (2xx with {@code success:true}) is recorded with its result; every request that got no answer is counted.
 */
final class CrashStorm {

    static final String EMAIL = "ops@keyhold.test";
    static final String API_KEY = "5e7a9c1b3d5f7a9c2e4b6d8f1a3c5e7b9d2f4";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A CSR the server acknowledged: its id, where to GET it, and the PEM it returned. */
    record Csr(String id, String path, String pem, String keyType) {}

    /** A certificate the server acknowledged, uploaded for a CSR. */
    record Certificate(String id, String csrId) {}

    private final KeyholdProcess node;
    private final String zoneId;
    private final String accountId;
    private final TestCa ca;
    private final Map<String, Csr> csrs = new ConcurrentHashMap<>();
    private final Map<String, Certificate> certificates = new ConcurrentHashMap<>();
    /** Acknowledged CSRs a client may upload a certificate for; each is taken once. */
    private final Queue<Csr> toCertify = new ConcurrentLinkedQueue<>();
    /** CSRs whose upload got no answer: it may or may not have been stored. */
    private final Set<String> unansweredUploads = ConcurrentHashMap.newKeySet();

    private final AtomicInteger unansweredCreates = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean killed;

    CrashStorm(KeyholdProcess node, String zoneId, String accountId, TestCa ca) {
        this.node = node;
        this.zoneId = zoneId;
        this.accountId = accountId;
        this.ca = ca;
    }

    /** Starts the client threads. */
    void start(int clientThreads) {
        for (int i = 0; i < clientThreads; i++) {
            Thread client = new Thread(this::run, "crash-storm-" + i);
            client.setDaemon(true);
            this.clients.add(client);
            client.start();
        }
    }

    /**
     * Waits until at least {@code minCsrs} CSRs ({@code minUncertified} of them without a certificate) and
     * {@code minCertificates} certificates are acknowledged, at least {@code after} has passed and requests are in
     * flight, then kills the process with SIGKILL and waits for the clients to end. Returns the process's exit code;
     * fails when the storm falls short within {@code limit}.
     */
    int killWhen(int minCsrs, int minUncertified, int minCertificates, Duration after, Duration limit)
            throws InterruptedException {
        long started = System.nanoTime();
        while (this.csrs.size() < minCsrs
                || this.certificates.size() < minCertificates
                || uncertified().size() < minUncertified
                || System.nanoTime() - started < after.toNanos()
                || this.inFlight.get() < 2) {
            if (System.nanoTime() - started > limit.toNanos() || !failures().isEmpty()) {
                this.killed = true;
                this.node.kill();
                fail(
                        "the storm did not reach %d CSRs and %d certificates within %d s (%d and %d); failures: %s",
                        minCsrs,
                        minCertificates,
                        limit.toSeconds(),
                        this.csrs.size(),
                        this.certificates.size(),
                        failures());
            }
            Thread.sleep(10);
        }
        this.killed = true;
        int exit = this.node.kill();
        for (Thread client : this.clients) {
            client.join(Duration.ofSeconds(40).toMillis());
        }
        return exit;
    }

    Map<String, Csr> csrs() {
        return Map.copyOf(this.csrs);
    }

    Map<String, Certificate> certificates() {
        return Map.copyOf(this.certificates);
    }

    /** Acknowledged CSRs without a certificate, and without an upload that may have been stored unanswered. */
    List<Csr> uncertified() {
        return this.csrs.values().stream()
                .filter(c -> this.certificates.values().stream()
                        .noneMatch(t -> t.csrId().equals(c.id())))
                .filter(c -> !this.unansweredUploads.contains(c.id()))
                .toList();
    }

    /** Creations that got no answer: the server may have stored them or not. */
    int unansweredCreates() {
        return this.unansweredCreates.get();
    }

    int unansweredUploads() {
        return this.unansweredUploads.size();
    }

    List<String> failures() {
        synchronized (this.failures) {
            return List.copyOf(this.failures);
        }
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!this.killed) {
            Csr toCertify = random.nextInt(10) < 4 ? this.toCertify.poll() : null;
            if (toCertify != null) {
                upload(toCertify);
            } else {
                create(random.nextInt(3) == 0 ? "rsa2048" : "p256v1", random.nextInt(3) != 0);
            }
        }
    }

    private void create(String keyType, boolean inZone) {
        int n = this.sequence.incrementAndGet();
        String name = "c" + n + ".crash.keyhold.dev";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("country", "US");
        body.put("state", "MA");
        body.put("locality", "Boston");
        body.put("organization", "Keyhold");
        body.put("common_name", name);
        body.put("sans", List.of(name));
        body.put("key_type", keyType);
        if (!inZone) {
            body.put("name", "crash csr " + n);
        }
        String path =
                inZone ? "/zones/" + this.zoneId + "/custom_csrs" : "/accounts/" + this.accountId + "/custom_csrs";
        JsonNode result = send(path, body);
        if (result == null) {
            this.unansweredCreates.incrementAndGet();
            return;
        }
        String id = result.path("id").asString();
        Csr csr = new Csr(id, path + "/" + id, result.path("csr").asString(), keyType);
        this.csrs.put(id, csr);
        if (ThreadLocalRandom.current().nextInt(3) == 0) {
            this.toCertify.add(csr); // the others stay uncertified for the checks after the restart
        }
    }

    private void upload(Csr csr) {
        JsonNode result = send("/zones/" + this.zoneId + "/custom_certificates", uploadBody(this.ca, csr));
        if (result == null) {
            this.unansweredUploads.add(csr.id());
            return;
        }
        String id = result.path("id").asString();
        this.certificates.put(id, new Certificate(id, csr.id()));
        if (!"active".equals(result.path("status").asString())) {
            failed("certificate " + id + " for CSR " + csr.id() + " is not active: " + result);
        }
    }

    /** An upload of a certificate for the CSR's key, issued now by the test CA's intermediate, with its chain. */
    static Map<String, Object> uploadBody(TestCa ca, Csr csr) {
        Instant now = Instant.now();
        X509Certificate leaf = ca.leafForCsr(csr.pem())
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)))
                .certificate();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificate", TestCa.pem(leaf, ca.intermediate().certificate()));
        body.put("custom_csr_id", csr.id());
        body.put("bundle_method", "ubiquitous");
        return body;
    }

    /** The acknowledged result, or null when the request got no answer; anything else is a failure. */
    private JsonNode send(String path, Map<String, Object> body) {
        this.inFlight.incrementAndGet();
        try {
            HttpResponse<String> r = post(this.node, path, body);
            JsonNode envelope = JSON.readTree(r.body());
            if (r.statusCode() / 100 == 2 && envelope.path("success").asBoolean()) {
                return envelope.path("result");
            }
            failed("POST " + path + ": " + r.statusCode() + " " + r.body());
            return null;
        } catch (IOException ex) {
            if (!this.killed) {
                failed("POST " + path + " failed before the kill: " + ex);
            }
            return null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            this.inFlight.decrementAndGet();
        }
    }

    private void failed(String failure) {
        synchronized (this.failures) {
            this.failures.add(failure);
        }
    }

    /** POSTs a JSON body with the operator's Global API Key. */
    static HttpResponse<String> post(KeyholdProcess node, String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        return HTTP.send(
                request(node, path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a path under the API base with the operator's Global API Key. */
    static HttpResponse<String> get(KeyholdProcess node, String path) throws IOException, InterruptedException {
        return HTTP.send(request(node, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(KeyholdProcess node, String path) {
        return HttpRequest.newBuilder(URI.create(node.apiBase() + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Auth-Email", EMAIL)
                .header("X-Auth-Key", API_KEY);
    }
}
