package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.TestDatabase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The security headers on real dashboard responses over plain HTTP: the strict Content Security Policy, framing,
 * sniffing, referrer and permissions policies on every page (signed in or not, found or not), no caching of signed-in
 * pages, and no HSTS where there is no TLS (the TLS listener's end-to-end test checks it over HTTPS).
 */
@KeyholdApiTest
class SecurityHeadersTests {

    @LocalServerPort
    int port;

    DashboardSession browser;

    @BeforeEach
    void newBrowser() {
        this.browser = new DashboardSession(this.port);
    }

    @Test
    void theSignInPageCarriesEveryDashboardHeader() {
        HttpResponse<String> page = this.browser.get("/sign-in");

        assertThat(page.statusCode()).isEqualTo(200);
        assertDashboardHeaders(page);
    }

    @Test
    void signedInPagesCarryEveryDashboardHeaderAndAreNeverCached() {
        this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);

        for (String path : new String[] {"/", "/admin", "/no-such-page"}) {
            HttpResponse<String> page = this.browser.get(path);
            assertThat(page.statusCode()).as(path).isIn(200, 404);
            assertDashboardHeaders(page);
            assertThat(page.headers().firstValue("Cache-Control"))
                    .as("Cache-Control of %s", path)
                    .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        }
    }

    @Test
    void thePolicyAllowsNoInlineScriptOrStyleAndTheTemplatesNeedNone() {
        this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);
        HttpResponse<String> home = this.browser.get("/");

        String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval")
                .contains("script-src 'self'")
                .contains("style-src 'self'")
                .contains("object-src 'none'")
                .contains("base-uri 'none'");
        assertThat(home.body())
                .as("inline script, style or event handler the policy would block")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                .doesNotContainPattern("<style[\\s>]")
                .doesNotContainPattern("\\sstyle=\"")
                .doesNotContainPattern("\\son[a-z]+=\"");
    }

    @Test
    void plainHttpGetsNoStrictTransportSecurity() {
        HttpResponse<String> page = this.browser.get("/sign-in");
        HttpResponse<String> api = this.browser.get("/client/v4/user/tokens/verify");

        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(api.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    static void assertDashboardHeaders(HttpResponse<?> page) {
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'self'")
                .contains("frame-ancestors 'none'")
                .contains("form-action 'self'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.headers().firstValue("Permissions-Policy"))
                .hasValueSatisfying(p -> assertThat(p).contains("camera=()").contains("geolocation=()"));
        assertThat(page.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
    }
}
