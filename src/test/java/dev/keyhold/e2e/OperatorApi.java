package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The v4 API of a running {@link KeyholdProcess} as its operator calls it, with a Global API Key. */
final class OperatorApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private OperatorApi() {}

    /** Sends a request as the operator; body is JSON or null. A failure to get an answer shows the node's log. */
    static HttpResponse<String> send(
            KeyholdProcess node, String email, String apiKey, String method, String apiPath, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.apiBase() + apiPath))
                .timeout(Duration.ofSeconds(30))
                .header("X-Auth-Email", email)
                .header("X-Auth-Key", apiKey)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    method + " " + apiPath + " on " + node + " failed; its log:\n" + node.log(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    /** The envelope's result after checking the status and {@code success}. */
    static JsonNode result(HttpResponse<String> r, int status) {
        assertThat(r.statusCode())
                .as(r.request().method() + " " + r.uri() + ": " + r.body())
                .isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("success").asBoolean()).as(r.body()).isTrue();
        return body.path("result");
    }
}
