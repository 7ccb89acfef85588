package dev.keyhold.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Keyhold's {@code /client/v4} API on one node, authenticated with the operator's Global API Key: request builders
 * for the load phases and checked calls (success or an exception naming the answer) for setup.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final String email;
    private final String apiKey;

    Api(HttpClient http, String serverBaseUrl, String email, String apiKey) {
        this.http = http;
        this.base = serverBaseUrl + "/client/v4";
        this.email = email;
        this.apiKey = apiKey;
    }

    HttpRequest get(String path) {
        return builder(path).GET().build();
    }

    HttpRequest post(String path, String json) {
        return builder(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    HttpRequest delete(String path) {
        return builder(path).DELETE().build();
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(this.base + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Auth-Email", this.email)
                .header("X-Auth-Key", this.apiKey);
    }

    /** Sends a setup request and returns the whole envelope, failing on anything but a 2xx success. */
    JsonNode call(HttpRequest request) {
        try {
            HttpResponse<String> r = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2 || !LoadDriver.succeeded(r.body())) {
                throw new IllegalStateException(
                        request.method() + " " + request.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException ex) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    String accountId() {
        return call(get("/accounts")).path("result").path(0).path("id").asText();
    }

    String createZone(String name) {
        return createZone(name, accountId());
    }

    String createZone(String name, String accountId) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.putObject("account").put("id", accountId);
        return call(post("/zones", body.toString())).path("result").path("id").asText();
    }

    /** An account entitled to zone and account custom CSRs (the operator's Global API Key may create one). */
    String createAccount(String name) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.putObject("entitlements").put("custom_csrs", true).put("account_custom_csrs", true);
        return call(post("/accounts", body.toString()))
                .path("result")
                .path("id")
                .asText();
    }

    /** The create body of a zone CSR for {@code <label>.<zone>}; the key type is {@code rsa2048} or {@code p256v1}. */
    static String csrBody(String label, String zoneName, String keyType) {
        String name = label + "." + zoneName;
        ObjectNode body = JSON.createObjectNode()
                .put("country", "US")
                .put("state", "CA")
                .put("locality", "San Francisco")
                .put("organization", "Keyhold Bench")
                .put("organizational_unit", "Performance")
                .put("common_name", name);
        body.putArray("sans").add(name).add("www." + name);
        body.put("key_type", keyType);
        return body.toString();
    }

    /** The id in a create answer: the first 36-character {@code "id"} (the CSR's), found without parsing. */
    static String idOf(String body) {
        int i = body.indexOf("\"id\":\"");
        return i < 0 ? null : body.substring(i + 6, i + 42);
    }

    long totalCount(String zoneId) {
        return call(get("/zones/" + zoneId + "/custom_csrs?per_page=5"))
                .path("result_info")
                .path("total_count")
                .asLong(-1);
    }

    static String certificateBody(String chainPem, String csrId) {
        return JSON.createObjectNode()
                .put("certificate", chainPem)
                .put("custom_csr_id", csrId)
                .put("bundle_method", "ubiquitous")
                .toString();
    }
}
