package dev.keyhold.api;

import dev.keyhold.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for API tests: sends raw headers and returns the status and the parsed body. */
final class ApiClient {

    static final String OPERATOR_EMAIL = TestDatabase.OPERATOR_EMAIL;

    static final String OPERATOR_KEY = TestDatabase.OPERATOR_KEY;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port + "/client/v4";
    }

    /** The response: status, raw body and parsed body. */
    record Response(int status, String text, JsonNode body) {

        JsonNode result() {
            return this.body.get("result");
        }

        JsonNode error() {
            return this.body.get("errors").get(0);
        }

        int errorCode() {
            return error().get("code").asInt();
        }
    }

    static String[] operator() {
        return new String[] { "X-Auth-Email", OPERATOR_EMAIL, "X-Auth-Key", OPERATOR_KEY };
    }

    static String[] bearer(String token) {
        return new String[] { "Authorization", "Bearer " + token };
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, headers);
    }

    Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    Response send(String method, String path, Object body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            all.addAll(List.of("Content-Type", "application/json"));
            publisher = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).method(method, publisher);
        if (!all.isEmpty()) {
            request.headers(all.toArray(String[]::new));
        }
        try {
            HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), JSON.readTree(response.body()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
