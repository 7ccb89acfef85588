package dev.keyhold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends one soak operation, times it into {@link SoakStats} under the current phase, and checks the answer: the
 * expected status and {@code "success":true}, or for Cloudflare's bare custom hostname delete answer the expected
 * status and {@code {"id": <the id>}}. Anything else, or no answer, is an error of the run.
 */
final class SoakCalls {

    private final HttpClient http;
    private final SoakStats stats;
    private volatile String phase = SoakStats.WARMUP;

    SoakCalls(HttpClient http, SoakStats stats) {
        this.http = http;
        this.stats = stats;
    }

    void phase(String phase) {
        this.phase = phase;
    }

    /** Sends the request; returns the answer's envelope when it is the expected success, else null (an error). */
    JsonNode envelope(String op, HttpRequest request, int expectedStatus) {
        String body = send(op, request, expectedStatus, null);
        if (body == null) {
            return null;
        }
        try {
            return Api.JSON.readTree(body);
        } catch (IOException ex) {
            fail(op, request, expectedStatus + " with JSON", "unreadable body: " + body);
            return null;
        }
    }

    /** Sends a request Cloudflare answers with a bare {@code {"id": ...}}; true when it names {@code id}. */
    boolean bareId(String op, HttpRequest request, int expectedStatus, String id) {
        return send(op, request, expectedStatus, id) != null;
    }

    private String send(String op, HttpRequest request, int expectedStatus, String bareId) {
        String phase = this.phase;
        Measurement m = this.stats.of(phase, op);
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - t0;
            boolean ok = r.statusCode() == expectedStatus
                    && (bareId == null
                            ? LoadDriver.succeeded(r.body())
                            : Api.JSON.readTree(r.body()).path("id").asText().equals(bareId));
            m.record(latency, ok, ok ? null : r.statusCode() + " " + r.body());
            if (!ok) {
                fail(op, request, expected(expectedStatus, bareId), r.statusCode() + " " + r.body());
                return null;
            }
            return r.body();
        } catch (IOException ex) {
            m.record(System.nanoTime() - t0, false, ex.toString());
            fail(op, request, expected(expectedStatus, bareId), ex.toString());
            return null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Records an error that is not one answer (a failed end check, a client that stopped). */
    void error(String what) {
        this.stats.error(this.phase, what);
    }

    private void fail(String op, HttpRequest request, String expected, String got) {
        this.stats.error(
                this.phase,
                op + ": " + request.method() + " " + request.uri().getPath() + " expected " + expected + ", got "
                        + got.replace('\n', ' '));
    }

    private static String expected(int status, String bareId) {
        return bareId == null ? status + " with success:true" : status + " with {\"id\":\"" + bareId + "\"}";
    }
}
