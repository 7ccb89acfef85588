package dev.keyhold.api;

import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import tools.jackson.databind.JsonNode;

/**
 * Header-per-call access to the API for the authentication and token tests, over the shared {@link V4Client}: each
 * call names its credentials explicitly (none, the operator's, a bearer token, or raw headers).
 */
final class ApiClient {

    static final String OPERATOR_EMAIL = TestDatabase.OPERATOR_EMAIL;

    static final String OPERATOR_KEY = TestDatabase.OPERATOR_KEY;

    private final V4Client anonymous;

    ApiClient(int port) {
        this.anonymous = V4Client.operator(port).anonymous();
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
        return new String[] {"X-Auth-Email", OPERATOR_EMAIL, "X-Auth-Key", OPERATOR_KEY};
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
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
        V4Client client = this.anonymous.anonymous();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            client.header(headers[i], headers[i + 1]);
        }
        V4Client.Response r = client.send(method, path, body);
        return new Response(r.status(), r.body(), r.json());
    }
}
