package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Timed HTTP calls to one Keyhold process with the operator's Global API Key, for {@link DatabaseOutageTests}: every
 * answer, or the lack of one, becomes a {@link Call} with its start and end.
 */
final class OutageClient {

    static final String EMAIL = "ops@keyhold.test";

    static final String API_KEY = "3b5d7f9a1c2e4a6c8e0f1b3d5f7a9c1e3b5d7";

    /** Long enough that a hanging request shows up as a slow {@link Call}, not as a lost one. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final KeyholdProcess keyhold;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    OutageClient(KeyholdProcess keyhold) {
        this.keyhold = keyhold;
    }

    /** One request and what came back: status -1 with the exception as body when nothing did. */
    record Call(String what, long startNanos, long endNanos, int status, String body, String retryAfter) {

        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }

        @Override
        public String toString() {
            return what + " -> " + status + " in " + millis() + " ms: " + body;
        }
    }

    /** A request to an API path, or to {@code /actuator/...} outside the API; body is JSON or null. */
    Call call(String method, String path, String body) {
        String url = path.startsWith("/actuator/")
                ? "http://127.0.0.1:" + this.keyhold.port() + path
                : this.keyhold.apiBase() + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("X-Auth-Email", EMAIL)
                .header("X-Auth-Key", API_KEY)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Call(
                    method + " " + path,
                    start,
                    System.nanoTime(),
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException ex) {
            return new Call(method + " " + path, start, System.nanoTime(), -1, ex.toString(), null);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Call(method + " " + path, start, System.nanoTime(), -1, "interrupted", null);
        }
    }

    /** The envelope's result of a call that must succeed. */
    JsonNode ok(String method, String path, String body) {
        Call c = call(method, path, body);
        assertThat(c.status() / 100).as(c.toString()).isEqualTo(2);
        return DatabaseOutageTests.JSON.readTree(c.body()).path("result");
    }

    /** Polls a GET every 100 ms until it answers 200; returns {@link System#nanoTime()} of that answer. */
    long awaitOk(String path, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Call last = null;
        while (System.nanoTime() < deadline) {
            last = call("GET", path, null);
            if (last.status() == 200) {
                return last.endNanos();
            }
            Thread.sleep(100);
        }
        return fail("no 200 within " + limit.toSeconds() + " s; last: " + last + "\n" + this.keyhold.log());
    }

    /** Every id a CSR list shows, page by page. */
    Set<String> listIds(String path) {
        Set<String> ids = new LinkedHashSet<>();
        for (int page = 1; page < 200; page++) {
            JsonNode result = ok("GET", path + "?per_page=50&page=" + page, null);
            if (result.isEmpty()) {
                return ids;
            }
            result.forEach(item -> ids.add(item.path("id").asString()));
        }
        return fail("more than 200 pages at " + path);
    }

    /** A dashboard session of the operator, signed in with email and password. */
    Dashboard signIn() {
        Dashboard dashboard = new Dashboard();
        Matcher csrf = CSRF.matcher(dashboard.get("/sign-in").body());
        assertThat(csrf.find()).as("a CSRF token on the sign-in page").isTrue();
        String form = "email=" + enc(EMAIL) + "&password=" + enc(KeyholdProcess.DASHBOARD_PASSWORD) + "&_csrf="
                + enc(csrf.group(1));
        HttpResponse<String> signedIn = dashboard.send(HttpRequest.newBuilder(dashboard.uri("/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(signedIn.headers().firstValue("Location").orElse(""))
                .as("sign-in redirect")
                .doesNotContain("error");
        return dashboard;
    }

    /** A browser-like client: keeps cookies, follows no redirects. */
    final class Dashboard {

        private final HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2))
                .build();

        HttpResponse<String> get(String path) {
            // NOTE: a browser asks for HTML; without it Spring Boot's error controller answers a 503 in JSON
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Accept", "text/html")
                    .GET());
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + OutageClient.this.keyhold.port() + path);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return this.browser.send(
                        request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
