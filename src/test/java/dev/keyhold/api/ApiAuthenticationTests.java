package dev.keyhold.api;

import static dev.keyhold.api.ApiClient.OPERATOR_EMAIL;
import static dev.keyhold.api.ApiClient.OPERATOR_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.api.ApiClient.Response;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.Entitlements;
import dev.keyhold.tenancy.Tenancy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@KeyholdApiTest
class ApiAuthenticationTests {

    @LocalServerPort
    int port;

    @Autowired
    Tenancy tenancy;

    ApiClient api;

    String groups;

    @BeforeEach
    void setUp() {
        this.api = new ApiClient(this.port);
        Account account = this.tenancy.createAccount("auth " + UUID.randomUUID(), Entitlements.all());
        this.groups = "/accounts/" + account.id() + "/tokens/permission_groups";
    }

    @Test
    void noCredentialsAreMissing() {
        Response r = this.api.get(this.groups);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(9106);
        assertThat(r.body().get("success").asBoolean()).isFalse();
        assertThat(r.result().isNull()).isTrue();
    }

    @Test
    void authorizationOtherThanBearerIsMalformed() {
        Response r = this.api.get(this.groups, "Authorization", "Basic x");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(6003);
        assertThat(r.error().get("message").asString()).isEqualTo("Invalid request headers");
        assertThat(r.error().get("error_chain").get(0).get("code").asInt()).isEqualTo(6111);
        assertThat(r.error().get("error_chain").get(0).get("message").asString())
                .isEqualTo("Invalid format for Authorization header");
    }

    @Test
    void emailWithoutKeyNamesTheKeyHeader() {
        Response r = this.api.get(this.groups, "X-Auth-Email", OPERATOR_EMAIL);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(6003);
        assertThat(r.error().get("error_chain").get(0).get("code").asInt()).isEqualTo(6103);
        assertThat(r.error().get("error_chain").get(0).get("message").asString())
                .isEqualTo("Invalid format for X-Auth-Key header");
    }

    @Test
    void keyWithoutEmailNamesTheEmailHeader() {
        Response r = this.api.get(this.groups, "X-Auth-Key", OPERATOR_KEY);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().get("error_chain").get(0).get("code").asInt()).isEqualTo(6102);
    }

    @Test
    void wrongGlobalKeyIsRefused() {
        Response r = this.api.get(this.groups, "X-Auth-Email", OPERATOR_EMAIL, "X-Auth-Key", OPERATOR_KEY + "x");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo(9103);
        assertThat(r.text()).doesNotContain(OPERATOR_KEY);
    }

    @Test
    void unknownEmailIsRefusedLikeAWrongKey() {
        Response r = this.api.get(this.groups, "X-Auth-Email", "nobody@keyhold.test", "X-Auth-Key", OPERATOR_KEY);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo(9103);
    }

    @Test
    void globalKeyOfTheOperatorWorksWhateverTheEmailCase() {
        Response r = this.api.get(
                this.groups,
                "X-Auth-Email",
                OPERATOR_EMAIL.toUpperCase(),
                "X-Auth-Key",
                OPERATOR_KEY,
                "api-version",
                "2026-11-22",
                "X-Stainless-Lang",
                "js",
                "X-Stainless-Retry-Count",
                "0");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().get("success").asBoolean()).isTrue();
    }

    @Test
    void unknownTokenIsRefused() {
        Response r = this.api.get("/user/tokens/verify", ApiClient.bearer("A".repeat(40)));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo(1000);
    }

    @Test
    void validBearerWinsOverBogusGlobalKeyHeaders() {
        String value = createToken();
        Response r = this.api.get(
                "/user/tokens/verify",
                "Authorization",
                "Bearer " + value,
                "X-Auth-Email",
                "bogus@keyhold.test",
                "X-Auth-Key",
                "bogus");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.result().get("status").asString()).isEqualTo("active");
    }

    @Test
    void bogusBearerIsNotRescuedByAValidGlobalKey() {
        Response r = this.api.get(
                this.groups,
                "Authorization",
                "Bearer " + "B".repeat(40),
                "X-Auth-Email",
                OPERATOR_EMAIL,
                "X-Auth-Key",
                OPERATOR_KEY);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo(1000);
    }

    @Test
    void bearerAloneReachesAnEndpointItsTokenGrants() {
        String value = createToken();
        assertThat(this.api.get(this.groups, ApiClient.bearer(value)).status()).isEqualTo(200);
    }

    private String createToken() {
        String tokens = this.groups.replace("/permission_groups", "");
        String accountId = tokens.split("/")[2];
        Map<String, Object> body = Map.of(
                "name",
                "auth",
                "policies",
                List.of(Map.of(
                        "effect",
                        "allow",
                        "permission_groups",
                        List.of(Map.of("id", TokensApiTests.TOKENS_READ)),
                        "resources",
                        Map.of("com.cloudflare.api.account." + accountId, "*"))));
        Response created = this.api.post(tokens, body, ApiClient.operator());
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return created.result().get("value").asString();
    }
}
