package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API tokens page: a token made from permission groups works on the API, its value is shown once, delete ends it. */
@KeyholdApiTest
class TokenPagesTests {

    private static final Pattern VALUE = Pattern.compile("id=\"token-value\"[^>]*>([A-Za-z0-9_-]{40})<");

    @LocalServerPort
    int port;

    DashboardSession browser;

    V4Client api;

    String accountId;

    String zoneId;

    @BeforeEach
    void signIn() {
        this.api = V4Client.operator(this.port);
        this.accountId = this.api.defaultAccountId();
        this.zoneId = this.api.createZone("tokens", this.accountId);
        this.browser = new DashboardSession(this.port);
        this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);
    }

    @Test
    void aTokenIsShownOnceWorksOnItsZoneOnlyAndStopsWhenDeleted() {
        String page = "/accounts/" + this.accountId + "/api-tokens";
        HttpResponse<String> created = this.browser.submit(
                page,
                page,
                Map.of(
                        "name",
                        "ci deploys " + System.nanoTime(),
                        "groups",
                        "7b7216b327b04b8fbc8f524e1f9b7531",
                        "zone",
                        this.zoneId));

        assertThat(created.statusCode()).isEqualTo(200);
        Matcher m = VALUE.matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        String value = m.group(1);
        assertThat(created.body()).contains("it is shown only this once");

        V4Client bearer = this.api.bearer(value);
        assertThat(bearer.get("/zones/" + this.zoneId + "/custom_csrs").status())
                .isEqualTo(200);
        String other = this.api.createZone("tokens-other", this.accountId);
        assertThat(bearer.get("/zones/" + other + "/custom_csrs").status()).isEqualTo(403);

        String again = this.browser.get(page).body();
        assertThat(again)
                .doesNotContain(value)
                .contains("SSL and Certificates Read")
                .containsPattern("href=\"/accounts/[0-9a-f]{32}/api-tokens\" aria-current=\"page\"");

        Matcher delete = Pattern.compile("action=\"(/accounts/[0-9a-f]{32}/api-tokens/[0-9a-f]{32}/delete)\"")
                .matcher(again);
        List<String> actions = delete.results().map(r -> r.group(1)).toList();
        assertThat(actions).isNotEmpty();
        for (String action : actions) {
            assertThat(this.browser.submit(page, action, Map.of()).statusCode()).isEqualTo(302);
        }
        assertThat(bearer.get("/zones/" + this.zoneId + "/custom_csrs").status())
                .isIn(401, 403);
    }

    @Test
    void aTokenWithoutPermissionsIsRefusedWithTheReason() {
        String page = "/accounts/" + this.accountId + "/api-tokens";
        HttpResponse<String> refused = this.browser.submit(page, page, Map.of("name", "nothing", "zone", "all"));
        assertThat(refused.body()).contains("id=\"token-error\"").doesNotContain("id=\"token-value\"");
    }
}
