package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Dashboard sign-ins in the audit log, successful or not and never with the password; changes made on a page recorded
 * with the signed-in user as actor; and the account's Audit log page with its filters, over HTTP.
 */
@KeyholdApiTest
class AuditLogPagesTests {

    @LocalServerPort
    int port;

    DashboardSession browser;

    V4Client api;

    String account;

    @BeforeEach
    void setUp() {
        this.browser = new DashboardSession(this.port);
        this.api = V4Client.operator(this.port);
        this.account = this.api.defaultAccountId();
    }

    @Test
    void aFailedSignInIsRecordedWithTheEmailAndAddressButNeverThePassword() {
        String email = "audit-" + System.nanoTime() + "@keyhold.test";
        String password = "a wrong password " + System.nanoTime();

        this.browser.signIn(email, password);

        V4Client.Response r = this.api.get("/user/audit_logs?action.type=login&actor.email=" + email);
        assertThat(r.result().valueStream()).singleElement().satisfies(e -> {
            assertThat(e.at("/action/result").asBoolean()).isFalse();
            assertThat(e.at("/metadata/reason").asString()).isEqualTo("wrong_password");
            assertThat(e.at("/actor/email").asString()).isEqualTo(email);
            assertThat(e.at("/actor/ip").asString()).isEqualTo("127.0.0.1");
            assertThat(e.at("/resource/type").asString()).isEqualTo("user");
        });
        assertThat(this.api.get("/user/audit_logs?per_page=1000").body())
                .doesNotContain(password)
                .doesNotContain(TestDatabase.OPERATOR_PASSWORD);
    }

    @Test
    void aSignInAndAChangeOnAPageAreRecordedWithTheSignedInUserAsActor() {
        Instant since = Instant.now().minusSeconds(1);
        assertThat(DashboardSession.location(
                        this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD)))
                .doesNotContain("error");
        String tokens = "/accounts/" + this.account + "/api-tokens";
        String name = "page-made " + System.nanoTime();

        HttpResponse<String> created =
                this.browser.submit(tokens, tokens, Map.of("name", name, "groups", "c1fde68c7bcc44588cbb6ddbc16d6480"));

        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode signIn = this.api
                .get("/user/audit_logs?action.type=login&actor.email=" + TestDatabase.OPERATOR_EMAIL + "&since="
                        + since)
                .result()
                .get(0);
        assertThat(signIn.at("/action/result").asBoolean()).isTrue();
        assertThat(signIn.at("/actor/type").asString()).isEqualTo("operator");
        JsonNode token = this.api
                .get("/accounts/" + this.account + "/audit_logs?resource.type=api_token&action.type=create")
                .result()
                .valueStream()
                .filter(e -> ("name " + name).equals(e.at("/metadata/detail").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(token.at("/actor/type").asString()).isEqualTo("operator");
        assertThat(token.at("/actor/email").asString()).isEqualTo(TestDatabase.OPERATOR_EMAIL);
        assertThat(token.at("/actor/ip").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void theAuditLogPageListsFiltersAndExplainsABadFilter() {
        String zone = this.api.createZone("auditpage", this.account);
        this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);
        String page = "/accounts/" + this.account + "/audit-log";

        HttpResponse<String> all = this.browser.get(page);
        HttpResponse<String> creates = this.browser.get(page + "?action=create&actor=" + TestDatabase.OPERATOR_EMAIL);
        HttpResponse<String> nobody = this.browser.get(page + "?actor=nobody%40keyhold.test");
        HttpResponse<String> bad = this.browser.get(page + "?from=yesterday");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("id=\"audit-table\"", "zone " + zone, "aria-current=\"page\">Audit log");
        assertThat(creates.body()).contains("zone " + zone).doesNotContain("<td>update</td>");
        assertThat(nobody.body()).contains("No events.").doesNotContain("zone " + zone);
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("The From date must be a date such as 2026-06-01.");
    }
}
