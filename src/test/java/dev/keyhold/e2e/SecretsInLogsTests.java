package dev.keyhold.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.Directories;
import dev.keyhold.support.TestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A full run of the packaged jar with known secrets (Global API Key, dashboard password, KEK keystore password) and
 * DEBUG logging for Keyhold and Spring Security, TRACE for Spring's web layer: create a token, CSRs of both key types,
 * upload a certificate with its private key, fail on purpose (wrong token, wrong key, wrong password, bad and
 * mismatched keys), sign in to the dashboard. Neither the process output, nor its log file, nor any response body may
 * then hold a secret, a created token (plain or base64) or private key material.
 */
class SecretsInLogsTests {

    private static final String EMAIL = "secrets@keyhold.test";
    private static final String API_KEY = "5e0c8a6f2d4b1e3a9c7f5d3b1a8e6c4f2d0b9";
    private static final String KEK_PASSWORD = "kek-password-9f3a1c7e5b2d8f4a6c0e";
    private static final String WRONG_PASSWORD = "wrong-password-4b8d2f6a0c3e";
    private static final String WRONG_TOKEN = "WrongToken0123456789abcdefghijklmnopqrstu";
    private static final String ZONE = "secrets.keyhold.dev";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final List<HttpResponse<String>> responses = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Path dir;
    private KeyholdProcess keyhold;

    @BeforeEach
    void createDir() {
        dir = Directories.createTemp("keyhold-e2e-secrets-");
    }

    @AfterEach
    void stopAndDelete() {
        if (keyhold != null) {
            keyhold.close();
        }
        Directories.deleteQuietly(dir);
    }

    @Test
    void noSecretReachesALogLineOrAResponseDuringAFullRun() throws IOException {
        TestCa ca = TestCa.generate();
        Path anchors = Files.writeString(dir.resolve("anchors.pem"), ca.root().pem());
        Path logFile = dir.resolve("logs").resolve("keyhold.log");
        Map<String, String> env = new LinkedHashMap<>(KeyholdProcess.environment(dir.resolve("data"), EMAIL, API_KEY));
        env.put("KEYHOLD_KEK_PASSWORD", KEK_PASSWORD);
        env.put("KEYHOLD_EXTRA_TRUST_ANCHORS", anchors.toString());
        env.put("KEYHOLD_KEY_POOL_RSA2048", "2");
        env.put("KEYHOLD_KEY_POOL_P256V1", "4");
        env.put("LOGGING_FILE_NAME", logFile.toString());
        env.put("LOGGING_LEVEL_DEV_KEYHOLD", "DEBUG");
        env.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_SECURITY", "TRACE");
        env.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB", "TRACE");
        keyhold = KeyholdProcess.start("secrets-in-logs", env);
        keyhold.awaitHealthy();

        // the API: an account, a zone, a token, CSRs of both key types, and a certificate uploaded with its key
        String account = ok(api("GET", "/accounts", null)).path(0).path("id").asString();
        String zone = ok(api("POST", "/zones", "{\"name\":\"" + ZONE + "\",\"account\":{\"id\":\"" + account + "\"}}"))
                .path("id")
                .asString();
        String token = ok(api(
                        "POST",
                        "/accounts/" + account + "/tokens",
                        "{\"name\":\"secrets-bot\",\"policies\":[{\"effect\":\"allow\",\"permission_groups\":[{\"id\":"
                                + "\"c03055bc037c4ea9afb9a9f104b7b721\"}],\"resources\":{"
                                + "\"com.cloudflare.api.account.zone." + zone + "\":\"*\"}}]}"))
                .path("value")
                .asString();
        assertThat(token).hasSize(40);
        for (String keyType : List.of("rsa2048", "p256v1")) {
            String name = keyType + "." + ZONE;
            ok(send(
                    "POST",
                    "/zones/" + zone + "/custom_csrs",
                    "{\"country\":\"US\",\"state\":\"MA\",\"locality\":\"Boston\",\"organization\":\"Keyhold\","
                            + "\"common_name\":\"" + name + "\",\"sans\":[\"" + name + "\"],\"key_type\":\""
                            + keyType + "\"}",
                    "Authorization",
                    "Bearer " + token));
        }
        KeyPair imported = TestCa.ec("secp256r1");
        String importedKey = ServerCertificate.pkcs8(imported);
        String chain = TestCa.pem(
                TestCa.certificate("imported." + ZONE, imported.getPublic())
                        .sans("imported." + ZONE)
                        .validity(
                                Instant.now().minus(Duration.ofDays(1)),
                                Instant.now().plus(Duration.ofDays(30)))
                        .certificateIssuedBy(ca.intermediate()),
                ca.intermediate().certificate());
        ok(api("POST", "/zones/" + zone + "/custom_certificates", upload(chain, importedKey)));

        // failures on purpose: each must be refused without echoing what was sent
        String otherKey = ServerCertificate.pkcs8(TestCa.ec("secp256r1"));
        refused(api("POST", "/zones/" + zone + "/custom_certificates", upload(chain, otherKey)));
        refused(api("POST", "/zones/" + zone + "/custom_certificates", upload(chain, "garbage " + importedKey)));
        refused(send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + WRONG_TOKEN));
        refused(send("GET", "/accounts", null, "X-Auth-Email", EMAIL, "X-Auth-Key", API_KEY + "0"));
        refused(send("GET", "/accounts", null, "X-Auth-Email", EMAIL, "X-Auth-Key", KEK_PASSWORD));
        ok(send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + token));

        // the dashboard: a wrong password, then the right one
        assertThat(signIn(WRONG_PASSWORD)).endsWith("/sign-in?error");
        responses.add(page("/sign-in?error"));
        assertThat(signIn(KeyholdProcess.DASHBOARD_PASSWORD)).doesNotContain("error");
        HttpResponse<String> home = page("/");
        assertThat(home.statusCode()).isEqualTo(200);
        responses.add(home);
        HttpResponse<String> certificates = page("/zones/" + zone + "/ssl-tls/edge-certificates");
        assertThat(certificates.body()).contains("imported." + ZONE);

        keyhold.close();
        String output = keyhold.log();
        assertThat(logFile).as("LOGGING_FILE_NAME is honoured").isNotEmptyFile();
        String logged = Files.readString(logFile);
        assertThat(output)
                .as("DEBUG and TRACE logging was on, so an absence means something")
                .contains("DEBUG")
                .contains("TRACE");

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the Global API Key", API_KEY);
        secrets.put("the dashboard password", KeyholdProcess.DASHBOARD_PASSWORD);
        secrets.put(
                "the dashboard password, form-encoded",
                URLEncoder.encode(KeyholdProcess.DASHBOARD_PASSWORD, StandardCharsets.UTF_8));
        secrets.put("a wrong dashboard password", WRONG_PASSWORD);
        secrets.put("the KEK keystore password", KEK_PASSWORD);
        secrets.put("the created token", token);
        secrets.put(
                "the created token, base64",
                Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII)));
        secrets.put("a wrong token", WRONG_TOKEN);
        secrets.put("private key armour", "PRIVATE KEY");
        for (String line : (importedKey + otherKey)
                .lines()
                .filter(l -> !l.startsWith("-----"))
                .toList()) {
            secrets.put("a line of an uploaded private key", line);
        }
        String bodies = responses.stream().map(HttpResponse::body).collect(Collectors.joining("\n"));
        secrets.forEach((what, value) -> {
            assertThat(output).as("%s in the process output", what).doesNotContain(value);
            assertThat(logged).as("%s in the log file", what).doesNotContain(value);
        });
        secrets.forEach((what, value) -> {
            if (!value.equals(token)) {
                assertThat(bodies).as("%s in a response", what).doesNotContain(value);
            }
        });
    }

    private static String upload(String chain, String key) {
        return JSON.writeValueAsString(Map.of("certificate", chain, "private_key", key, "bundle_method", "ubiquitous"));
    }

    private HttpResponse<String> api(String method, String path, String body) {
        return send(method, path, body, "X-Auth-Email", EMAIL, "X-Auth-Key", API_KEY);
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keyhold.apiBase() + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return exchange(request.build());
    }

    /** Signs in to the dashboard with the page's CSRF token; returns where the answer redirects to. */
    private String signIn(String password) {
        Matcher csrf = CSRF.matcher(page("/sign-in").body());
        assertThat(csrf.find()).as("a CSRF token on the sign-in page").isTrue();
        String form = Map.of("email", EMAIL, "password", password, "_csrf", csrf.group(1)).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = exchange(HttpRequest.newBuilder(URI.create(keyhold.origin() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElse("");
    }

    private HttpResponse<String> page(String path) {
        return exchange(
                HttpRequest.newBuilder(URI.create(keyhold.origin() + path)).build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            responses.add(response);
            return response;
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    request.method() + " " + request.uri() + " failed; log:\n" + keyhold.log(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode())
                .as(r.request().method() + " " + r.uri() + ": " + r.body())
                .isIn(200, 201);
        return JSON.readTree(r.body()).path("result");
    }

    private static void refused(HttpResponse<String> r) {
        assertThat(r.statusCode())
                .as(r.request().method() + " " + r.uri() + ": " + r.body())
                .isBetween(400, 499);
        assertThat(JSON.readTree(r.body()).path("success").asBoolean(true))
                .as(r.body())
                .isFalse();
    }
}
