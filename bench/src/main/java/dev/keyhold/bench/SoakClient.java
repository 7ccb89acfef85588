package dev.keyhold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * One soak client, with its own zone in the soak account. Each cycle creates a CSR (p256v1, or rsa2048 one time in
 * four; in the zone or the account, half and half), reads it and a list page, has the throwaway CA sign it and
 * uploads the result with {@code custom_csr_id}, as a custom certificate (two times in three) or as a custom
 * hostname's certificate, reads that back and lists it. The client keeps at most {@code workingSet} CSRs: beyond
 * that it deletes the oldest, its certificate or hostname first, then the CSR.
 */
final class SoakClient {

    /** A live CSR and what uses it: {@code kind} is null, "certificate" or "hostname". */
    private record Item(String csrPath, String kind, String usePath) {}

    private static final int PAGES = 3;

    private final Api api;
    private final SoakCalls calls;
    private final ThrowawayCa ca;
    private final String accountPath;
    private final String zonePath;
    private final String zone;
    private final int workingSet;
    private final Deque<Item> live = new ArrayDeque<>();

    SoakClient(Api api, SoakCalls calls, ThrowawayCa ca, String accountId, String zoneId, String zone, int workingSet) {
        this.api = api;
        this.calls = calls;
        this.ca = ca;
        this.accountPath = "/accounts/" + accountId;
        this.zonePath = "/zones/" + zoneId;
        this.zone = zone;
        this.workingSet = workingSet;
    }

    /** Runs cycles until {@code deadline} ({@link System#nanoTime}), read before every cycle. */
    void runUntil(LongSupplier deadline) {
        try {
            while (System.nanoTime() < deadline.getAsLong()
                    && !Thread.currentThread().isInterrupted()) {
                cycle();
            }
        } catch (RuntimeException ex) {
            this.calls.error("client stopped: " + ex);
        }
    }

    /** Deletes everything the client still holds. */
    void drain() {
        try {
            while (!this.live.isEmpty()) {
                delete(this.live.removeFirst());
            }
        } catch (RuntimeException ex) {
            this.calls.error("cleanup stopped: " + ex);
        }
    }

    private void cycle() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean inAccount = random.nextBoolean();
        String keyType = random.nextInt(4) == 0 ? "rsa2048" : "p256v1";
        String scope = inAccount ? this.accountPath : this.zonePath;
        String scopeName = inAccount ? "account" : "zone";
        String label = Workloads.name();
        JsonNode created = this.calls.envelope(
                "create CSR, " + keyType + ", " + scopeName,
                this.api.post(scope + "/custom_csrs", Api.csrBody(label, this.zone, keyType)),
                201);
        if (created == null) {
            return;
        }
        String csrId = created.path("result").path("id").asText();
        String csrPath = scope + "/custom_csrs/" + csrId;
        Item item = new Item(csrPath, null, null);
        this.live.addLast(item);
        this.calls.envelope("get CSR by id", this.api.get(csrPath), 200);
        this.calls.envelope(
                "list CSRs, " + scopeName,
                this.api.get(scope + "/custom_csrs?per_page=20&page=" + (1 + random.nextInt(PAGES))),
                200);
        String chain = this.ca.sign(created.path("result").path("csr").asText());
        Item used = random.nextInt(3) == 0
                ? hostname(label + "." + this.zone, csrPath, csrId, chain)
                : certificate(csrPath, csrId, chain);
        if (used != null) {
            this.live.removeLast();
            this.live.addLast(used);
        }
        while (this.live.size() > this.workingSet) {
            delete(this.live.removeFirst());
        }
    }

    private Item certificate(String csrPath, String csrId, String chain) {
        JsonNode uploaded = this.calls.envelope(
                "upload certificate (custom_csr_id)",
                this.api.post(this.zonePath + "/custom_certificates", Api.certificateBody(chain, csrId)),
                200);
        if (uploaded == null) {
            return null;
        }
        String path = this.zonePath + "/custom_certificates/"
                + uploaded.path("result").path("id").asText();
        this.calls.envelope("get certificate by id", this.api.get(path), 200);
        this.calls.envelope("list certificates", this.api.get(this.zonePath + "/custom_certificates?per_page=20"), 200);
        return new Item(csrPath, "certificate", path);
    }

    private Item hostname(String hostname, String csrPath, String csrId, String chain) {
        ObjectNode body = Api.JSON.createObjectNode().put("hostname", hostname);
        body.putObject("ssl")
                .put("method", "http")
                .put("type", "dv")
                .put("custom_csr_id", csrId)
                .put("custom_certificate", chain);
        JsonNode created = this.calls.envelope(
                "create custom hostname (custom_csr_id)",
                this.api.post(this.zonePath + "/custom_hostnames", body.toString()),
                201);
        if (created == null) {
            return null;
        }
        String path = this.zonePath + "/custom_hostnames/"
                + created.path("result").path("id").asText();
        this.calls.envelope("get custom hostname by id", this.api.get(path), 200);
        this.calls.envelope(
                "list custom hostnames", this.api.get(this.zonePath + "/custom_hostnames?per_page=20"), 200);
        return new Item(csrPath, "hostname", path);
    }

    private void delete(Item item) {
        if ("certificate".equals(item.kind())) {
            this.calls.envelope("delete certificate", this.api.delete(item.usePath()), 200);
        } else if ("hostname".equals(item.kind())) {
            String id = item.usePath().substring(item.usePath().lastIndexOf('/') + 1);
            this.calls.bareId("delete custom hostname", this.api.delete(item.usePath()), 200, id);
        }
        this.calls.envelope("delete CSR", this.api.delete(item.csrPath()), 200);
    }
}
