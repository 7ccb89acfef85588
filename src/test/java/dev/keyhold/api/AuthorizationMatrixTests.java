package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CertificateTestConfiguration;
import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Every route of the API against every kind of caller: no credentials, an unknown token, a read-only token, a token
 * of another account, a token for another zone of the same account, and the Global API Key. Each answer must have
 * the right status and an error envelope, and no refusal or list may carry data the caller may not see.
 */
@KeyholdApiTest
@Import(CertificateTestConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

    static final String ZONE_SSL_READ = "7b7216b327b04b8fbc8f524e1f9b7531";
    static final String ZONE_SSL_WRITE = "c03055bc037c4ea9afb9a9f104b7b721";
    static final String ZONE_READ = "c8fed203ed3043cba015a93ad1616f1f";
    static final String ZONE_WRITE = "e6d2666161e84845a636613608cee8d5";
    static final String ACCOUNT_SETTINGS_READ = "c1fde68c7bcc44588cbb6ddbc16d6480";
    static final String ACCOUNT_SETTINGS_WRITE = "1af1fa2adc104452b74a9a3364202f20";
    static final String ACCOUNT_SSL_READ = "57a6c9e2bb4a65dcf0b84f20c9746815";
    static final String ACCOUNT_SSL_WRITE = "b6f1b7b0f30ea3af82b5aa6986c3848e";
    static final String TOKENS_READ = "034be13db9d603eb164a529afc33a0fe";
    static final String TOKENS_WRITE = "659d40f01729c6a3d99f8405cce362aa";

    /** What a route needs. */
    enum Needs {
        ZONE_READ,
        ZONE_WRITE,
        ACCOUNT_READ,
        ACCOUNT_WRITE,
        ACCOUNT_VISIBLE,
        ALL_ZONES_WRITE,
        OPERATOR,
        LIST
    }

    /** Who calls. */
    enum Caller {
        NONE,
        UNKNOWN_TOKEN,
        READ_ONLY,
        OTHER_ACCOUNT,
        OTHER_ZONE,
        GLOBAL_KEY
    }

    record Route(String method, Supplier<String> path, Supplier<Object> body, Needs needs) {}

    @LocalServerPort
    int port;

    V4Client operator;

    String account;
    String zone;
    String zoneName;
    String otherZone;
    String zoneCsr;
    String accountCsr;
    String certificate;
    String hostnameId;
    String webhookId;
    final Map<Caller, String> tokens = new HashMap<>();
    final List<String> secrets = new ArrayList<>();

    @BeforeAll
    void setUp() {
        this.operator = V4Client.operator(this.port);
        this.account = this.operator.defaultAccountId();
        this.zoneName = "matrix" + System.nanoTime() + ".keyhold.dev";
        this.zone = zone(this.zoneName, this.account);
        this.otherZone = zone("other" + System.nanoTime() + ".keyhold.dev", this.account);
        String otherAccount = this.operator
                .post(
                        "/accounts",
                        Map.of(
                                "name",
                                "Other tenant",
                                "entitlements",
                                Map.of("custom_csrs", true, "account_custom_csrs", true)))
                .result()
                .get("id")
                .asString();
        zone("tenant" + System.nanoTime() + ".keyhold.dev", otherAccount);
        this.zoneCsr = csr("/zones/" + this.zone);
        this.accountCsr = csr("/accounts/" + this.account);
        this.certificate = certificate();
        this.hostnameId = hostname();
        this.secrets.add(WEBHOOK_SECRET);
        this.webhookId = webhook();

        this.tokens.put(
                Caller.READ_ONLY,
                token(
                        this.account,
                        policy(
                                List.of(ZONE_SSL_READ, ZONE_READ),
                                Map.of("com.cloudflare.api.account.zone." + this.zone, "*")),
                        policy(
                                List.of(ACCOUNT_SSL_READ, ACCOUNT_SETTINGS_READ, TOKENS_READ),
                                Map.of("com.cloudflare.api.account." + this.account, "*"))));
        this.tokens.put(
                Caller.OTHER_ACCOUNT,
                token(
                        otherAccount,
                        policy(
                                List.of(ZONE_SSL_WRITE, ZONE_WRITE),
                                Map.of(
                                        "com.cloudflare.api.account." + otherAccount,
                                        Map.of("com.cloudflare.api.account.zone.*", "*"))),
                        policy(
                                List.of(ACCOUNT_SSL_WRITE, ACCOUNT_SETTINGS_WRITE, TOKENS_WRITE),
                                Map.of("com.cloudflare.api.account." + otherAccount, "*"))));
        this.tokens.put(
                Caller.OTHER_ZONE,
                token(
                        this.account,
                        policy(
                                List.of(ZONE_SSL_WRITE, ZONE_WRITE),
                                Map.of("com.cloudflare.api.account.zone." + this.otherZone, "*"))));
        this.tokens.put(Caller.UNKNOWN_TOKEN, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-Ab");
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", () -> "/zones/" + this.zone + "/custom_csrs", () -> null, Needs.ZONE_READ),
                new Route(
                        "GET",
                        () -> "/zones/" + this.zone + "/custom_csrs/" + this.zoneCsr,
                        () -> null,
                        Needs.ZONE_READ),
                new Route(
                        "POST",
                        () -> "/zones/" + this.zone + "/custom_csrs",
                        AuthorizationMatrixTests::csrBody,
                        Needs.ZONE_WRITE),
                new Route(
                        "DELETE",
                        () -> "/zones/" + this.zone + "/custom_csrs/" + csr("/zones/" + this.zone),
                        () -> null,
                        Needs.ZONE_WRITE),
                new Route("GET", () -> "/zones/" + this.zone + "/custom_certificates", () -> null, Needs.ZONE_READ),
                new Route(
                        "GET",
                        () -> "/zones/" + this.zone + "/custom_certificates/" + this.certificate,
                        () -> null,
                        Needs.ZONE_READ),
                new Route("GET", () -> "/zones/" + this.zone + "/custom_hostnames", () -> null, Needs.ZONE_READ),
                new Route(
                        "GET",
                        () -> "/zones/" + this.zone + "/custom_hostnames/" + this.hostnameId,
                        () -> null,
                        Needs.ZONE_READ),
                new Route(
                        "POST",
                        () -> "/zones/" + this.zone + "/custom_certificates",
                        this::certificateBody,
                        Needs.ZONE_WRITE),
                new Route(
                        "PATCH",
                        () -> "/zones/" + this.zone + "/custom_certificates/" + certificate(),
                        () -> Map.of("geo_restrictions", Map.of("label", "us")),
                        Needs.ZONE_WRITE),
                new Route(
                        "DELETE",
                        () -> "/zones/" + this.zone + "/custom_certificates/" + certificate(),
                        () -> null,
                        Needs.ZONE_WRITE),
                new Route(
                        "PUT",
                        () -> "/zones/" + this.zone + "/custom_certificates/prioritize",
                        () -> Map.of("certificates", List.of(Map.of("id", this.certificate, "priority", 3))),
                        Needs.ZONE_WRITE),
                new Route(
                        "POST",
                        () -> "/zones/" + this.zone + "/custom_hostnames",
                        AuthorizationMatrixTests::hostnameBody,
                        Needs.ZONE_WRITE),
                new Route(
                        "PATCH",
                        () -> "/zones/" + this.zone + "/custom_hostnames/" + this.hostnameId,
                        () -> Map.of("custom_metadata", Map.of("tier", "matrix")),
                        Needs.ZONE_WRITE),
                new Route(
                        "DELETE",
                        () -> "/zones/" + this.zone + "/custom_hostnames/" + hostname(),
                        () -> null,
                        Needs.ZONE_WRITE),
                new Route("GET", () -> "/zones/" + this.zone, () -> null, Needs.ZONE_READ),
                new Route(
                        "DELETE",
                        () -> "/zones/" + zone("gone" + System.nanoTime() + ".keyhold.dev", this.account),
                        () -> null,
                        Needs.ZONE_WRITE),
                new Route(
                        "POST",
                        () -> "/zones",
                        () -> Map.of(
                                "name",
                                "new" + System.nanoTime() + ".keyhold.dev",
                                "account",
                                Map.of("id", this.account)),
                        Needs.ALL_ZONES_WRITE),
                new Route("GET", () -> "/zones", () -> null, Needs.LIST),
                new Route("GET", () -> "/accounts/" + this.account + "/custom_csrs", () -> null, Needs.ACCOUNT_READ),
                new Route(
                        "GET",
                        () -> "/accounts/" + this.account + "/custom_csrs/" + this.accountCsr,
                        () -> null,
                        Needs.ACCOUNT_READ),
                new Route(
                        "POST",
                        () -> "/accounts/" + this.account + "/custom_csrs",
                        AuthorizationMatrixTests::csrBody,
                        Needs.ACCOUNT_WRITE),
                new Route(
                        "DELETE",
                        () -> "/accounts/" + this.account + "/custom_csrs/" + csr("/accounts/" + this.account),
                        () -> null,
                        Needs.ACCOUNT_WRITE),
                new Route("GET", () -> "/accounts", () -> null, Needs.LIST),
                new Route("GET", () -> "/accounts/" + this.account, () -> null, Needs.ACCOUNT_VISIBLE),
                new Route(
                        "PATCH",
                        () -> "/accounts/" + this.account,
                        () -> Map.of("name", "Default account"),
                        Needs.ACCOUNT_WRITE),
                new Route("POST", () -> "/accounts", () -> Map.of("name", "Made by a caller"), Needs.OPERATOR),
                new Route("GET", () -> "/accounts/" + this.account + "/tokens", () -> null, Needs.ACCOUNT_READ),
                new Route(
                        "POST",
                        () -> "/accounts/" + this.account + "/tokens",
                        () -> tokenBody(
                                this.account,
                                policy(
                                        List.of(ZONE_SSL_READ),
                                        Map.of("com.cloudflare.api.account.zone." + this.zone, "*"))),
                        Needs.ACCOUNT_WRITE),
                new Route(
                        "DELETE",
                        () -> "/accounts/" + this.account + "/tokens/" + tokenId(),
                        () -> null,
                        Needs.ACCOUNT_WRITE),
                new Route(
                        "GET",
                        () -> "/accounts/" + this.account + "/tokens/permission_groups",
                        () -> null,
                        Needs.ACCOUNT_VISIBLE),
                new Route("GET", () -> "/accounts/" + this.account + "/audit_logs", () -> null, Needs.ACCOUNT_READ),
                new Route("GET", () -> "/user/audit_logs", () -> null, Needs.OPERATOR),
                new Route("GET", this::webhooks, () -> null, Needs.ACCOUNT_READ),
                new Route("GET", () -> webhooks() + "/" + this.webhookId, () -> null, Needs.ACCOUNT_READ),
                new Route(
                        "GET", () -> webhooks() + "/" + this.webhookId + "/deliveries", () -> null, Needs.ACCOUNT_READ),
                new Route("POST", this::webhooks, AuthorizationMatrixTests::webhookBody, Needs.ACCOUNT_WRITE),
                new Route(
                        "PUT",
                        () -> webhooks() + "/" + this.webhookId,
                        AuthorizationMatrixTests::webhookBody,
                        Needs.ACCOUNT_WRITE),
                new Route("DELETE", () -> webhooks() + "/" + webhook(), () -> null, Needs.ACCOUNT_WRITE));
    }

    static final String WEBHOOK_SECRET = "matrix-webhook-" + "secret-0123456789";

    private String webhooks() {
        return "/accounts/" + this.account + "/alerting/v3/destinations/webhooks";
    }

    /** A webhook of the account, at a closed local port so that deliveries fail at once. */
    private String webhook() {
        V4Client.Response r = this.operator.post(webhooks(), webhookBody());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("id").asString();
    }

    static Map<String, Object> webhookBody() {
        return Map.of("name", "matrix", "url", "http://127.0.0.1:9/matrix", "secret", WEBHOOK_SECRET);
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEveryCallerCorrectly() {
        return routes().stream().flatMap(route -> Stream.of(Caller.values())
                .map(caller -> DynamicTest.dynamicTest(
                        route.method() + " " + route.needs() + " as " + caller, () -> check(route, caller))));
    }

    private void check(Route route, Caller caller) {
        String path = route.path().get();
        V4Client client =
                switch (caller) {
                    case NONE -> this.operator.anonymous();
                    case GLOBAL_KEY -> this.operator;
                    default -> this.operator.bearer(this.tokens.get(caller));
                };
        V4Client.Response r = client.send(route.method(), path, route.body().get());
        int expected = expected(route.needs(), caller);
        String what = route.method() + " " + path + " as " + caller + ": " + r.body();
        if (expected == 200 && isHostnameDelete(route.method(), path)) {
            // NOTE: Cloudflare answers a custom hostname DELETE with a bare {"id": ...}, not the envelope
            assertThat(r.status()).as(what).isEqualTo(200);
            assertThat(r.json().propertyNames()).as(what).containsExactly("id");
        } else if (expected == 200) {
            assertThat(r.status()).as(what).isBetween(200, 201);
            assertThat(r.json().get("success").asBoolean()).as(what).isTrue();
        } else {
            assertThat(r.status()).as(what).isEqualTo(expected);
            assertThat(r.json().get("success").asBoolean()).as(what).isFalse();
            assertThat(r.json().get("result").isNull()).as(what).isTrue();
            assertThat(r.json().get("errors")).as(what).isNotEmpty();
            if (caller == Caller.NONE) {
                assertThat(r.errorCode()).as(what).isEqualTo(9106);
            }
            assertThat(r.body())
                    .as(what)
                    .doesNotContain(this.zoneName, this.zoneCsr, this.accountCsr, this.hostnameId, "Default account");
        }
        if (route.needs() == Needs.LIST && (caller == Caller.OTHER_ACCOUNT)) {
            assertThat(r.body()).as(what).doesNotContain(this.zone, this.account, this.zoneName);
        }
        if (route.needs() == Needs.LIST && caller == Caller.OTHER_ZONE && path.equals("/zones")) {
            assertThat(r.body()).as(what).contains(this.otherZone).doesNotContain(this.zone);
        }
        assertThat(r.body()).as(what).doesNotContain(this.secrets.toArray(String[]::new));
    }

    private static int expected(Needs needs, Caller caller) {
        return switch (caller) {
            case NONE -> 400;
            case UNKNOWN_TOKEN -> 403;
            case GLOBAL_KEY -> 200;
            case READ_ONLY ->
                switch (needs) {
                    case ZONE_READ, ACCOUNT_READ, ACCOUNT_VISIBLE, LIST -> 200;
                    default -> 403;
                };
            case OTHER_ACCOUNT -> needs == Needs.LIST ? 200 : 403;
            case OTHER_ZONE ->
                switch (needs) {
                    case ACCOUNT_VISIBLE, LIST -> 200;
                    default -> 403;
                };
        };
    }

    private String zone(String name, String account) {
        return this.operator
                .post("/zones", Map.of("name", name, "account", Map.of("id", account)))
                .result()
                .get("id")
                .asString();
    }

    private String csr(String scope) {
        V4Client.Response r = this.operator.post(scope + "/custom_csrs", csrBody());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.result().get("id").asString();
    }

    /** Uploads a certificate with its own key to the zone and returns its id. */
    private String certificate() {
        V4Client.Response r = this.operator.post("/zones/" + this.zone + "/custom_certificates", certificateBody());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("id").asString();
    }

    /** A fresh leaf and key for a name in the zone, issued by the test PKI the application trusts. */
    private Map<String, Object> certificateBody() {
        KeyPair keys = TestCa.ec("secp256r1");
        TestCa ca = CertificateTestConfiguration.CA;
        String marker = "PRIVATE" + " KEY-----";
        String key = "-----BEGIN " + marker + "\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END " + marker + "\n";
        return Map.of(
                "certificate",
                TestCa.pem(
                        ca.leaf(keys.getPublic(), "www." + this.zoneName).certificate(),
                        ca.intermediate().certificate()),
                "private_key",
                key);
    }

    private static boolean isHostnameDelete(String method, String path) {
        return method.equals("DELETE") && path.contains("/custom_hostnames/");
    }

    private String hostname() {
        V4Client.Response r = this.operator.post("/zones/" + this.zone + "/custom_hostnames", hostnameBody());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.result().get("id").asString();
    }

    static Map<String, Object> hostnameBody() {
        return Map.of("hostname", "m" + System.nanoTime() + ".matrix-customers.dev");
    }

    private String tokenId() {
        return this.operator
                .post(
                        "/accounts/" + this.account + "/tokens",
                        tokenBody(
                                this.account,
                                policy(
                                        List.of(ZONE_SSL_READ),
                                        Map.of("com.cloudflare.api.account.zone." + this.zone, "*"))))
                .result()
                .get("id")
                .asString();
    }

    private String token(String account, Map<String, Object> first, Map<String, Object>... more) {
        List<Map<String, Object>> policies = new ArrayList<>(List.of(first));
        policies.addAll(List.of(more));
        V4Client.Response r =
                this.operator.post("/accounts/" + account + "/tokens", Map.of("name", "matrix", "policies", policies));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String value = r.result().get("value").asString();
        this.secrets.add(value);
        return value;
    }

    private static Map<String, Object> tokenBody(String account, Map<String, Object> policy) {
        return Map.of("name", "made in the matrix", "policies", List.of(policy));
    }

    private static Map<String, Object> policy(List<String> groups, Map<String, Object> resources) {
        return Map.of(
                "effect",
                "allow",
                "permission_groups",
                groups.stream().map(id -> Map.of("id", id)).toList(),
                "resources",
                resources);
    }

    static Map<String, Object> csrBody() {
        return CsrRequests.body("p256v1", "m.keyhold.dev");
    }
}
