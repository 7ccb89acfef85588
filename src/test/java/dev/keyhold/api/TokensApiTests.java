package dev.keyhold.api;

import static dev.keyhold.api.ApiClient.bearer;
import static dev.keyhold.api.ApiClient.operator;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.api.ApiClient.Response;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.Entitlements;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.Zone;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@KeyholdApiTest
class TokensApiTests {

    static final String TOKENS_READ = "034be13db9d603eb164a529afc33a0fe";

    static final String TOKENS_WRITE = "659d40f01729c6a3d99f8405cce362aa";

    static final String ZONE_SSL_READ = "7b7216b327b04b8fbc8f524e1f9b7531";

    @LocalServerPort
    int port;

    @Autowired
    Tenancy tenancy;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    Account account;

    @BeforeEach
    void setUp() {
        this.api = new ApiClient(this.port);
        this.account = this.tenancy.createAccount("tokens " + UUID.randomUUID(), Entitlements.all());
    }

    static Map<String, Object> policy(String effect, String group, Map<String, Object> resources) {
        return Map.of("effect", effect, "permission_groups", List.of(Map.of("id", group)), "resources", resources);
    }

    static Map<String, Object> onAccount(String accountId) {
        return Map.of("com.cloudflare.api.account." + accountId, "*");
    }

    Map<String, Object> body(String name, String group, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("name", name);
        body.put(
                "policies",
                List.of(policy("allow", group, onAccount(this.account.id().value()))));
        return body;
    }

    String tokens(Account a) {
        return "/accounts/" + a.id() + "/tokens";
    }

    Response create(Map<String, Object> body) {
        Response created = this.api.post(tokens(this.account), body, operator());
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return created;
    }

    @Test
    void aTokenCannotCreateOrWidenATokenBeyondWhatItHolds() {
        Zone zone = zone(this.account);
        Map<String, Object> onZone = Map.of("com.cloudflare.api.account.zone." + zone.id(), "*");
        Map<String, Object> managerBody = new HashMap<>(Map.of("name", "manager"));
        managerBody.put(
                "policies",
                List.of(
                        policy(
                                "allow",
                                TOKENS_WRITE,
                                onAccount(this.account.id().value())),
                        policy("allow", ZONE_SSL_READ, onZone)));
        String manager = create(managerBody).result().get("value").asString();

        Map<String, Object> wider = new HashMap<>(Map.of("name", "wider"));
        wider.put("policies", List.of(policy("allow", "c03055bc037c4ea9afb9a9f104b7b721", onZone)));
        Response refused = this.api.post(tokens(this.account), wider, bearer(manager));
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo(1003);
        assertThat(refused.error().get("message").asString()).contains("SSL and Certificates Write");

        Map<String, Object> allZones = new HashMap<>(Map.of("name", "all zones"));
        allZones.put(
                "policies", List.of(policy("allow", ZONE_SSL_READ, Map.of("com.cloudflare.api.account.zone.*", "*"))));
        assertThat(this.api
                        .post(tokens(this.account), allZones, bearer(manager))
                        .status())
                .isEqualTo(403);

        Map<String, Object> same = new HashMap<>(Map.of("name", "same"));
        same.put(
                "policies",
                List.of(
                        policy("allow", ZONE_SSL_READ, onZone),
                        policy("allow", TOKENS_READ, onAccount(this.account.id().value())),
                        policy("deny", "c03055bc037c4ea9afb9a9f104b7b721", onZone)));
        Response allowed = this.api.post(tokens(this.account), same, bearer(manager));
        assertThat(allowed.status()).as(allowed.text()).isEqualTo(200);

        String id = allowed.result().get("id").asString();
        Response widened = this.api.put(tokens(this.account) + "/" + id, wider, bearer(manager));
        assertThat(widened.status()).as(widened.text()).isEqualTo(403);
        assertThat(this.api
                        .put(tokens(this.account) + "/" + id, wider, operator())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void createdValueWorksAsBearerOnVerifyAndOnTheTokenList() {
        JsonNode token = create(body("ci", TOKENS_READ, Map.of())).result();
        String value = token.get("value").asString();
        assertThat(value).matches("[A-Za-z0-9_-]{40}");
        assertThat(token.get("status").asString()).isEqualTo("active");
        assertThat(token.get("policies")
                        .get(0)
                        .get("permission_groups")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("Account API Tokens Read");

        Response verify = this.api.get("/user/tokens/verify", bearer(value));
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.result().get("id").asString())
                .isEqualTo(token.get("id").asString());
        assertThat(verify.result().get("status").asString()).isEqualTo("active");
        assertThat(verify.result().has("expires_on")).isFalse();
        assertThat(verify.body().get("messages").get(0).get("code").asInt()).isEqualTo(10000);
        assertThat(verify.body().get("messages").get(0).get("message").asString())
                .isEqualTo("This API Token is valid and active");
        assertThat(this.api.get(tokens(this.account) + "/verify", bearer(value)).status())
                .isEqualTo(200);

        Response list = this.api.get(tokens(this.account), bearer(value));
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.result())).containsExactly(token.get("id").asString());
        assertThat(list.body().get("result_info").get("total_count").asInt()).isEqualTo(1);
    }

    @Test
    void acceptsWhatClientsReadBackAndSendAgain() {
        // Terraform and the SDKs send group names and read-only fields back; they are ignored, not refused
        Map<String, Object> body = Map.of(
                "name",
                "round trip",
                "id",
                "ignored",
                "issued_on",
                "2020-01-01T00:00:00Z",
                "condition",
                Map.of(),
                "policies",
                List.of(Map.of(
                        "id",
                        "ffffffffffffffffffffffffffffffff",
                        "effect",
                        "allow",
                        "permission_groups",
                        List.of(Map.of("id", TOKENS_READ, "name", "Account API Tokens Read", "meta", Map.of())),
                        "resources",
                        onAccount(this.account.id().value()))));
        JsonNode token = create(body).result();
        assertThat(token.get("name").asString()).isEqualTo("round trip");
        assertThat(token.get("policies").get(0).get("id").asString()).isEqualTo("ffffffffffffffffffffffffffffffff");
        assertThat(token.get("condition").isEmpty()).isTrue();
    }

    @Test
    void valueNeverAppearsOutsideTheCreateResponse() {
        JsonNode token = create(body("ci", TOKENS_READ, Map.of())).result();
        String value = token.get("value").asString();
        Response get = this.api.get(tokens(this.account) + "/" + token.get("id").asString(), operator());
        Response list = this.api.get(tokens(this.account), bearer(value));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.result().has("value")).isFalse();
        assertThat(get.text()).doesNotContain(value);
        assertThat(list.result().get(0).has("value")).isFalse();
        assertThat(list.text()).doesNotContain(value);
    }

    @Test
    void databaseHoldsOnlyTheHashOfTheValue() throws Exception {
        JsonNode token = create(body("ci", TOKENS_READ, Map.of())).result();
        String value = token.get("value").asString();
        Map<String, Object> row = this.jdbc
                .sql("select * from api_tokens where id = :id")
                .param("id", token.get("id").asString())
                .query()
                .singleRow();
        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        assertThat(row.get("secret_hash")).isEqualTo(sha256);
        assertThat(row.values())
                .allSatisfy(column -> assertThat(String.valueOf(column)).doesNotContain(value));
    }

    @Test
    void deletedTokenStopsWorking() {
        JsonNode token = create(body("ci", TOKENS_READ, Map.of())).result();
        String value = token.get("value").asString();
        String id = token.get("id").asString();
        Response deleted = this.api.delete(tokens(this.account) + "/" + id, operator());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.result().get("id").asString()).isEqualTo(id);
        Response verify = this.api.get("/user/tokens/verify", bearer(value));
        assertThat(verify.status()).isEqualTo(403);
        assertThat(verify.errorCode()).isEqualTo(1000);
        assertThat(this.api.get(tokens(this.account) + "/" + id, operator()).status())
                .isEqualTo(404);
    }

    @Test
    void expiredTokenIsReportedExpiredAndRefused() {
        String past = Instant.now()
                .minus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        JsonNode token =
                create(body("old", TOKENS_READ, Map.of("expires_on", past))).result();
        assertThat(token.get("status").asString()).isEqualTo("expired");
        assertThat(token.get("expires_on").asString()).isEqualTo(past);
        Response verify =
                this.api.get("/user/tokens/verify", bearer(token.get("value").asString()));
        assertThat(verify.status()).isEqualTo(403);
        assertThat(verify.errorCode()).isEqualTo(1000);
    }

    @Test
    void notYetValidTokenIsRefused() {
        String future = Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        JsonNode token =
                create(body("later", TOKENS_READ, Map.of("not_before", future))).result();
        Response verify =
                this.api.get("/user/tokens/verify", bearer(token.get("value").asString()));
        assertThat(verify.status()).isEqualTo(403);
        assertThat(verify.errorCode()).isEqualTo(1000);
    }

    @Test
    void disabledTokenIsRefusedUntilEnabledAgain() {
        JsonNode token = create(body("ci", TOKENS_READ, Map.of())).result();
        String value = token.get("value").asString();
        String path = tokens(this.account) + "/" + token.get("id").asString();

        Response disabled =
                this.api.put(path, body("ci renamed", TOKENS_READ, Map.of("status", "disabled")), operator());
        assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
        assertThat(disabled.result().get("status").asString()).isEqualTo("disabled");
        assertThat(disabled.result().get("name").asString()).isEqualTo("ci renamed");
        assertThat(disabled.result().get("issued_on").asString())
                .isEqualTo(token.get("issued_on").asString());
        assertThat(this.api.get("/user/tokens/verify", bearer(value)).status()).isEqualTo(403);

        assertThat(this.api
                        .put(path, body("ci", TOKENS_READ, Map.of("status", "active")), operator())
                        .status())
                .isEqualTo(200);
        assertThat(this.api.get("/user/tokens/verify", bearer(value)).status()).isEqualTo(200);
    }

    @Test
    void tokenOfOneAccountCannotCreateTokensInAnother() {
        Account other = this.tenancy.createAccount("other " + UUID.randomUUID(), Entitlements.all());
        String value = create(body("admin", TOKENS_WRITE, Map.of()))
                .result()
                .get("value")
                .asString();

        Response own = this.api.post(tokens(this.account), body("child", TOKENS_READ, Map.of()), bearer(value));
        assertThat(own.status()).as(own.text()).isEqualTo(200);

        Map<String, Object> foreign = Map.of(
                "name",
                "intruder",
                "policies",
                List.of(policy("allow", TOKENS_WRITE, onAccount(other.id().value()))));
        Response denied = this.api.post(tokens(other), foreign, bearer(value));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo(10000);
        assertThat(this.api.get(tokens(other), operator()).result()).isEmpty();
    }

    @Test
    void tokenWithReadOnlyCannotCreateTokens() {
        String value = create(body("reader", TOKENS_READ, Map.of()))
                .result()
                .get("value")
                .asString();
        Response denied = this.api.post(tokens(this.account), body("child", TOKENS_READ, Map.of()), bearer(value));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo(10000);
    }

    @Test
    void tokenOnZonesOnlyCannotReadTheAccountsTokens() {
        Zone zone = zone(this.account);
        Map<String, Object> zoneToken = Map.of(
                "name",
                "zone reader",
                "policies",
                List.of(policy("allow", ZONE_SSL_READ, Map.of("com.cloudflare.api.account.zone." + zone.id(), "*"))));
        String value = create(zoneToken).result().get("value").asString();
        Response list = this.api.get(tokens(this.account), bearer(value));
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.errorCode()).isEqualTo(10000);
        assertThat(this.api.get("/user/tokens/verify", bearer(value)).status()).isEqualTo(200);
    }

    @Test
    void listPagesThroughTheAccountsTokensOldestFirst() {
        for (int i = 0; i < 6; i++) {
            create(body("t" + i, TOKENS_READ, Map.of()));
        }
        Response second = this.api.get(tokens(this.account) + "?page=2&per_page=5", operator());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.result()).hasSize(1);
        assertThat(second.result().get(0).get("name").asString()).isEqualTo("t5");
        JsonNode info = second.body().get("result_info");
        assertThat(info.get("page").asInt()).isEqualTo(2);
        assertThat(info.get("per_page").asInt()).isEqualTo(5);
        assertThat(info.get("count").asInt()).isEqualTo(1);
        assertThat(info.get("total_count").asInt()).isEqualTo(6);
        assertThat(info.get("total_pages").asInt()).isEqualTo(2);
        assertThat(this.api
                        .get(tokens(this.account) + "?page=3&per_page=5", operator())
                        .result())
                .isEmpty();
    }

    @Test
    void permissionGroupsListTheCatalogWithScopes() {
        Response groups = this.api.get(tokens(this.account) + "/permission_groups", operator());
        assertThat(groups.status()).isEqualTo(200);
        assertThat(groups.result()).hasSize(10);
        JsonNode sslRead = StreamSupport.stream(groups.result().spliterator(), false)
                .filter(g -> g.get("id").asString().equals(ZONE_SSL_READ))
                .findFirst()
                .orElseThrow();
        assertThat(sslRead.get("name").asString()).isEqualTo("SSL and Certificates Read");
        assertThat(sslRead.get("scopes").get(0).asString()).isEqualTo("com.cloudflare.api.account.zone");
    }

    @Test
    void verifyWithGlobalKeyIsRefusedWithAClearError() {
        Response verify = this.api.get("/user/tokens/verify", operator());
        assertThat(verify.status()).isEqualTo(400);
        assertThat(verify.errorCode()).isEqualTo(6003);
        assertThat(verify.error().get("error_chain").get(0).get("message").asString())
                .contains("needs an API token");
    }

    @Test
    void verifyOnAnotherAccountsPathIsDenied() {
        Account other = this.tenancy.createAccount("other " + UUID.randomUUID(), Entitlements.all());
        String value =
                create(body("ci", TOKENS_READ, Map.of())).result().get("value").asString();
        assertThat(this.api.get(tokens(other) + "/verify", bearer(value)).status())
                .isEqualTo(403);
    }

    @Test
    void pathAccountIsCheckedWithoutRevealingWhetherItExists() {
        String value =
                create(body("ci", TOKENS_READ, Map.of())).result().get("value").asString();
        String missing = "/accounts/" + "0".repeat(32) + "/tokens";
        assertThat(this.api.get("/accounts/NOT-AN-ID/tokens", operator()).status())
                .isEqualTo(400);
        assertThat(this.api.get("/accounts/NOT-AN-ID/tokens", operator()).errorCode())
                .isEqualTo(7003);
        assertThat(this.api.get(missing, bearer(value)).status()).isEqualTo(403);
        assertThat(this.api.get(missing, operator()).status()).isEqualTo(404);
        assertThat(this.api
                        .get(tokens(this.account) + "/" + "f".repeat(32), operator())
                        .status())
                .isEqualTo(404);
    }

    /** The ids an invalid-request case may name: this account, another account, and a zone in each. */
    record Ids(String account, String otherAccount, String zone, String otherZone) {}

    static Arguments invalid(String description, Function<Ids, Map<String, Object>> body, String hint) {
        return Arguments.of(description, body, hint);
    }

    static Map<String, Object> named(Object policies, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("name", "bad");
        body.put("policies", policies);
        return body;
    }

    static Stream<Arguments> invalidRequests() {
        String zoneKey = "com.cloudflare.api.account.zone.";
        return Stream.of(
                invalid(
                        "no name",
                        ids -> Map.of("policies", List.of(policy("allow", TOKENS_READ, onAccount(ids.account())))),
                        "name must be 1 to 120 characters"),
                invalid(
                        "a name too long",
                        ids -> Map.of(
                                "name",
                                "n".repeat(121),
                                "policies",
                                List.of(policy("allow", TOKENS_READ, onAccount(ids.account())))),
                        "name must be 1 to 120"),
                invalid("no policies", ids -> named(List.of(), Map.of()), "at least one policy"),
                invalid(
                        "an unknown effect",
                        ids -> named(List.of(policy("permit", TOKENS_READ, onAccount(ids.account()))), Map.of()),
                        "effect must be \"allow\" or \"deny\""),
                invalid(
                        "an unknown group",
                        ids -> named(List.of(policy("allow", "0".repeat(32), onAccount(ids.account()))), Map.of()),
                        "unknown id \"" + "0".repeat(32) + "\"; list the valid ids"),
                invalid(
                        "empty resources",
                        ids -> named(List.of(policy("allow", TOKENS_READ, Map.of())), Map.of()),
                        "resources must not be empty"),
                invalid(
                        "an unsupported resource key",
                        ids -> named(
                                List.of(policy("allow", TOKENS_READ, Map.of("com.cloudflare.api.user.abc", "*"))),
                                Map.of()),
                        "unsupported resource"),
                invalid(
                        "a zone group on an account resource",
                        ids -> named(List.of(policy("allow", ZONE_SSL_READ, onAccount(ids.account()))), Map.of()),
                        "names no zone resource"),
                invalid(
                        "an account group on a zone resource",
                        ids -> named(
                                List.of(policy("allow", TOKENS_READ, Map.of(zoneKey + ids.zone(), "*"))), Map.of()),
                        "names no account resource"),
                invalid(
                        "another account",
                        ids -> named(List.of(policy("allow", TOKENS_READ, onAccount(ids.otherAccount()))), Map.of()),
                        "is not this token's account"),
                invalid(
                        "another account's zones in the nested form",
                        ids -> named(
                                List.of(policy(
                                        "allow",
                                        ZONE_SSL_READ,
                                        Map.of(
                                                "com.cloudflare.api.account." + ids.otherAccount(),
                                                Map.of(zoneKey + "*", "*")))),
                                Map.of()),
                        "is not this token's account"),
                invalid(
                        "a zone of another account",
                        ids -> named(
                                List.of(policy("allow", ZONE_SSL_READ, Map.of(zoneKey + ids.otherZone(), "*"))),
                                Map.of()),
                        "is not a zone of account"),
                invalid(
                        "a zone that does not exist",
                        ids -> named(
                                List.of(policy("allow", ZONE_SSL_READ, Map.of(zoneKey + "e".repeat(32), "*"))),
                                Map.of()),
                        "is not a zone of account"),
                invalid(
                        "a condition",
                        ids -> named(
                                List.of(policy("allow", TOKENS_READ, onAccount(ids.account()))),
                                Map.of("condition", Map.of("request_ip", Map.of("in", List.of("192.0.2.0/24"))))),
                        "condition is not supported yet"),
                invalid(
                        "not_before after expires_on",
                        ids -> named(
                                List.of(policy("allow", TOKENS_READ, onAccount(ids.account()))),
                                Map.of("not_before", "2031-01-01T00:00:00Z", "expires_on", "2030-01-01T00:00:00Z")),
                        "must be earlier than expires_on"),
                invalid(
                        "a date that is not RFC 3339",
                        ids -> named(
                                List.of(policy("allow", TOKENS_READ, onAccount(ids.account()))),
                                Map.of("expires_on", "tomorrow")),
                        "RFC 3339"),
                invalid(
                        "status expired",
                        ids -> named(
                                List.of(policy("allow", TOKENS_READ, onAccount(ids.account()))),
                                Map.of("status", "expired")),
                        "set a later expires_on"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void invalidRequestIsRefusedSayingWhatToFix(
            String description, Function<Ids, Map<String, Object>> body, String hint) {
        Account other = this.tenancy.createAccount("other " + UUID.randomUUID(), Entitlements.all());
        Ids ids = new Ids(
                this.account.id().value(),
                other.id().value(),
                zone(this.account).id().value(),
                zone(other).id().value());
        Response refused = this.api.post(tokens(this.account), body.apply(ids), operator());
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(1003);
        assertThat(refused.error().get("message").asString()).contains(hint);
        assertThat(this.api.get(tokens(this.account), operator()).result()).isEmpty();
    }

    private Zone zone(Account owner) {
        return this.tenancy.createZone(
                "z" + UUID.randomUUID().toString().substring(0, 12) + ".keyhold.test", owner.id());
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(t -> t.get("id").asString())
                .toList();
    }
}
