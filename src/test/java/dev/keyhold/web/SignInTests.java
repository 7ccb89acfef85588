package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Dashboard sign-in over HTTP: the session cookie's flags, CSRF on the sign-in and sign-out forms, the answers to
 * wrong passwords and the lockout after repeated failures, the security headers, and that the API stays cookie-free.
 */
@KeyholdApiTest
class SignInTests {

    @LocalServerPort
    int port;

    DashboardSession browser;

    @BeforeEach
    void newBrowser() {
        this.browser = new DashboardSession(this.port);
    }

    @Test
    void pagesRedirectToSignInUntilSignedIn() {
        HttpResponse<String> home = this.browser.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(DashboardSession.location(home)).endsWith("/sign-in");
    }

    @Test
    void signInPageLabelsEveryInputAndSetsAnHttpOnlySameSiteSessionCookie() {
        HttpResponse<String> page = this.browser.get("/sign-in");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<label for=\"email\">Email</label>")
                .contains("<label for=\"password\">Password</label>")
                .contains("name=\"_csrf\"");
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(c -> assertThat(c)
                .startsWith("KEYHOLD_SESSION=")
                .contains("HttpOnly")
                .contains("SameSite=Lax"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void signInWithoutTheCsrfTokenIsRefused() {
        this.browser.get("/sign-in");
        HttpResponse<String> forged = this.browser.post(
                "/sign-in", Map.of("email", TestDatabase.OPERATOR_EMAIL, "password", TestDatabase.OPERATOR_PASSWORD));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(this.browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void operatorSignsInSeesTheOverviewInANewSessionAndSignsOut() {
        this.browser.get("/sign-in");
        String before = sessionId();

        HttpResponse<String> signedIn =
                this.browser.signIn(TestDatabase.OPERATOR_EMAIL.toUpperCase(), TestDatabase.OPERATOR_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(DashboardSession.location(signedIn)).endsWith("/");
        assertThat(sessionId()).as("a new session id after sign-in").isNotEqualTo(before);

        HttpResponse<String> home = this.browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("Overview")
                .contains(TestDatabase.OPERATOR_EMAIL)
                .contains("Sign out");
        assertThat(home.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));

        HttpResponse<String> out = this.browser.submit("/", "/sign-out", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(DashboardSession.location(out)).endsWith("/sign-in?signed-out");
        assertThat(this.browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void signOutWithoutTheCsrfTokenDoesNotSignOut() {
        this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);
        assertThat(this.browser.post("/sign-out", Map.of()).statusCode()).isEqualTo(403);
        assertThat(this.browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        HttpResponse<String> wrong = this.browser.signIn(TestDatabase.OPERATOR_EMAIL, "not the password at all");
        assertThat(DashboardSession.location(wrong)).endsWith("/sign-in?error");
        String wrongPage = this.browser.get("/sign-in?error").body();

        DashboardSession other = new DashboardSession(this.port);
        other.signIn("nobody-" + System.nanoTime() + "@keyhold.test", "not the password at all");
        String unknownPage = other.get("/sign-in?error").body();

        assertThat(wrongPage).contains("Incorrect email or password.");
        assertThat(unknownPage).contains("Incorrect email or password.");
        assertThat(this.browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void repeatedFailuresLockTheEmailOutEvenForTheRightPassword() {
        String email = TestDatabase.OPERATOR_EMAIL.replace("@", "+lockout@");
        for (int i = 0; i < 5; i++) {
            this.browser.signIn(email, "wrong password " + i);
            assertThat(this.browser.get("/sign-in?error").body()).contains("Incorrect email or password.");
        }
        this.browser.signIn(email, "wrong password 5");
        assertThat(this.browser.get("/sign-in?error").body())
                .containsPattern("Too many failed sign-ins. Try again in \\d+ seconds.");

        // another email from the same client is not locked yet; the locked email refuses even a right password
        HttpResponse<String> operator =
                this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);
        assertThat(DashboardSession.location(operator)).doesNotContain("error");
    }

    @Test
    void theApiTakesNoSessionCookieAndNeedsNoCsrfToken() {
        HttpResponse<String> api = this.browser.post("/client/v4/zones", Map.of());
        assertThat(api.statusCode()).isNotEqualTo(403);
        assertThat(api.body()).contains("\"success\":false");
        assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
    }

    private String sessionId() {
        return this.browser.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("KEYHOLD_SESSION"))
                .map(c -> c.getValue())
                .findFirst()
                .orElse("");
    }
}
