package dev.keyhold.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real HTTP client for tests of the v4 API: sends JSON with chosen credentials and keeps every body it received. */
public final class V4Client {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    private final Map<String, String> headers = new LinkedHashMap<>();

    private final List<String> bodies;

    private V4Client(String base, List<String> bodies) {
        this.base = base;
        this.bodies = bodies;
    }

    /** A client with the operator's Global API Key. */
    public static V4Client operator(int port) {
        return new V4Client("http://localhost:" + port + "/client/v4", new ArrayList<>())
                .header("X-Auth-Email", TestDatabase.OPERATOR_EMAIL)
                .header("X-Auth-Key", TestDatabase.OPERATOR_KEY);
    }

    /** A client with no credentials that shares this client's record of bodies. */
    public V4Client anonymous() {
        return new V4Client(this.base, this.bodies);
    }

    /** A client with a bearer token that shares this client's record of bodies. */
    public V4Client bearer(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    public V4Client header(String name, String value) {
        this.headers.put(name, value);
        return this;
    }

    /** GET a path outside the API, such as {@code /actuator/prometheus}, recording the body like any other. */
    public Response getOutsideApi(String path) {
        return send("GET", URI.create(this.base.replace("/client/v4", "") + path), null);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, Object body) {
        return send(method, URI.create(this.base + path), body);
    }

    private Response send(String method, URI uri, Object body) {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        this.headers.forEach(request::header);
        try {
            HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            this.bodies.add(response.body());
            return new Response(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (IOException ex) {
            throw new IllegalStateException(method + " " + uri + " failed", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The id of the account the bootstrap created, found by its name: not by position, because tests that move the
     * application's clock back can create accounts that sort before it.
     */
    public String defaultAccountId() {
        for (int page = 1; ; page++) {
            JsonNode accounts = get("/accounts?per_page=50&page=" + page).result();
            if (accounts.isEmpty()) {
                throw new IllegalStateException("no account is named \"Default account\"");
            }
            for (JsonNode account : accounts) {
                if (account.get("name").asString().equals("Default account")) {
                    return account.get("id").asString();
                }
            }
        }
    }

    /** Creates a zone with a unique name starting with {@code prefix}, and returns its id. */
    public String createZone(String prefix, String accountId) {
        Response zone = post(
                "/zones",
                Map.of("name", prefix + System.nanoTime() + ".keyhold.dev", "account", Map.of("id", accountId)));
        if (zone.status() != 200) {
            throw new IllegalStateException("cannot create a zone: " + zone.body());
        }
        return zone.result().get("id").asString();
    }

    /** Every response body this client (and its siblings) received. */
    public List<String> bodies() {
        return this.bodies;
    }

    /** A response: status, raw body, the body as JSON. */
    public record Response(int status, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(this.body);
        }

        public JsonNode result() {
            return json().get("result");
        }

        public int errorCode() {
            return json().get("errors").get(0).get("code").asInt();
        }

        public String errorMessage() {
            return json().get("errors").get(0).get("message").asString();
        }

        public String header(String name) {
            return this.headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }
}
