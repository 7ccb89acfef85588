package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.V4Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The management API: accounts with entitlements, zones with Cloudflare's filters, and their refusals. */
@KeyholdApiTest
class ZonesAndAccountsApiTests {

    @LocalServerPort
    int port;

    V4Client api;

    @BeforeEach
    void setUp() {
        this.api = V4Client.operator(this.port);
    }

    @Test
    void createsListsFiltersAndDeletesZones() {
        String account = this.api
                .post("/accounts", Map.of("name", "Zones " + System.nanoTime()))
                .result()
                .get("id")
                .asString();
        String name = "list" + System.nanoTime() + ".keyhold.dev";
        V4Client.Response created =
                this.api.post("/zones", Map.of("name", name.toUpperCase(), "account", Map.of("id", account)));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.result().get("name").asString()).isEqualTo(name);
        assertThat(created.result().get("id").asString()).matches("[0-9a-f]{32}");
        assertThat(created.result().get("account").get("id").asString()).isEqualTo(account);
        String id = created.result().get("id").asString();
        String second = this.api.createZone("second", account);

        V4Client.Response byName = this.api.get("/zones?name=" + name);
        assertThat(ids(byName)).containsExactly(id);
        V4Client.Response byAccount = this.api.get("/zones?account.id=" + account + "&per_page=5");
        assertThat(ids(byAccount)).containsExactlyInAnyOrder(id, second);
        assertThat(byAccount.json().get("result_info").get("total_count").asInt())
                .isEqualTo(2);
        assertThat(this.api.get("/zones/" + id).result().get("name").asString()).isEqualTo(name);

        assertThat(this.api.delete("/zones/" + id).result().get("id").asString())
                .isEqualTo(id);
        assertThat(this.api.get("/zones/" + id).status()).isEqualTo(404);
        assertThat(ids(this.api.get("/zones?account.id=" + account))).containsExactly(second);
    }

    @Test
    void refusesADuplicateZoneWithAConflictTheSdkWillNotRetry() {
        String account = this.api.defaultAccountId();
        String name = "dup" + System.nanoTime() + ".keyhold.dev";
        this.api.post("/zones", Map.of("name", name, "account", Map.of("id", account)));
        V4Client.Response again = this.api.post("/zones", Map.of("name", name, "account", Map.of("id", account)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo(1061);
        assertThat(again.header("x-should-retry")).isEqualTo("false");
    }

    @Test
    void refusesZoneNamesThatAreNotRegistrableDomains() {
        String account = this.api.defaultAccountId();
        for (String name : List.of("co.uk", "localhost", "*.keyhold.dev", "bad_name.keyhold.dev", "")) {
            V4Client.Response r = this.api.post("/zones", Map.of("name", name, "account", Map.of("id", account)));
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.errorCode()).as(name).isEqualTo(1099);
        }
        V4Client.Response noAccount = this.api.post("/zones", Map.of("name", "a.keyhold.dev"));
        assertThat(noAccount.status()).isEqualTo(400);
    }

    @Test
    void letsTheOperatorCreateAccountsAndSetEntitlements() {
        V4Client.Response created =
                this.api.post("/accounts", Map.of("name", "Tenant", "entitlements", Map.of("custom_csrs", true)));
        assertThat(created.status()).isEqualTo(200);
        String id = created.result().get("id").asString();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(created.result().get("entitlements").get("custom_csrs").asBoolean())
                .isTrue();
        assertThat(created.result()
                        .get("entitlements")
                        .get("account_custom_csrs")
                        .asBoolean())
                .isFalse();

        V4Client.Response patched = this.api.send(
                "PATCH",
                "/accounts/" + id,
                Map.of("name", "Renamed", "entitlements", Map.of("account_custom_csrs", true)));
        assertThat(patched.result().get("name").asString()).isEqualTo("Renamed");
        assertThat(patched.result().get("entitlements").get("custom_csrs").asBoolean())
                .isTrue();
        assertThat(patched.result()
                        .get("entitlements")
                        .get("account_custom_csrs")
                        .asBoolean())
                .isTrue();
        assertThat(this.api.get("/accounts/" + id).result().get("name").asString())
                .isEqualTo("Renamed");

        assertThat(this.api.post("/accounts", Map.of("name", " ")).status()).isEqualTo(400);
        assertThat(this.api.get("/accounts/0123456789abcdef0123456789abcdef").status())
                .isEqualTo(404);
        assertThat(this.api.get("/accounts/nothex").status()).isEqualTo(400);
    }

    @Test
    void answersUnknownRoutesAndMethodsWithTheEnvelope() {
        V4Client.Response unknown = this.api.get("/nothing/here");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo(7000);
        // outside the API is the dashboard: an anonymous visitor is sent to sign in, whether or not the page exists
        V4Client.Response page = this.api.getOutsideApi("/no/such/page");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/sign-in");
        V4Client.Response method = this.api.send("PUT", "/zones", Map.of());
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("success").asBoolean()).isFalse();
    }

    @Test
    void tellsClientsThatSendAFormInsteadOfJsonWhatToDo() {
        V4Client.Response r = this.api
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send("POST", "/accounts/" + this.api.defaultAccountId() + "/custom_csrs", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(1400);
        assertThat(r.errorMessage()).contains("Content-Type: application/json");
    }

    private static List<String> ids(V4Client.Response r) {
        List<String> ids = new ArrayList<>();
        r.result().forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }
}
