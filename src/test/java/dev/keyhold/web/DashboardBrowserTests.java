package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CertificateTestConfiguration;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.Openssl;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The seeds' dashboard click path in headless Chromium: sign in, SSL/TLS › Edge Certificates, Generate a CSR with the
 * form's inline errors, "Click to copy" (read back from the clipboard), an account CSR by Scope, delete with
 * confirmation. Screenshots of each page go to target/screenshots.
 */
@KeyholdApiTest
@Import(CertificateTestConfiguration.class)
class DashboardBrowserTests {

    @LocalServerPort
    int port;

    Browser browser;

    String zoneId;

    String zoneName;

    String accountId;

    @BeforeEach
    void startBrowser() throws IOException {
        V4Client api = V4Client.operator(this.port);
        this.accountId = api.defaultAccountId();
        this.zoneId = api.createZone("browser", this.accountId);
        this.zoneName = api.get("/zones/" + this.zoneId).result().get("name").asString();
        this.browser = Browser.start(this.port);
    }

    @AfterEach
    void quit() {
        if (this.browser != null) {
            this.browser.close();
        }
    }

    @Test
    void operatorGeneratesAZoneCsrFixingAnInlineErrorCopiesItAndDeletesIt() throws Exception {
        signIn();
        this.browser.screenshot("overview");
        this.browser.click("a[href='/zones/" + this.zoneId + "/ssl-tls/edge-certificates']");
        assertThat(this.browser.find("h1").getText()).isEqualTo("Edge Certificates");
        this.browser.screenshot("edge-certificates-empty");

        this.browser.click("#generate-csr");
        String host = "shop." + this.zoneName;
        this.browser.type("#commonName", host);
        assertThat(this.browser.find("#san-0").getAttribute("value"))
                .as("the common name is offered as the first SAN")
                .isEqualTo(host);
        this.browser.click("#add-san");
        this.browser.type("#san-1", "intranet.test");
        this.browser.type("#organization", "Keyhold Browser Test");
        this.browser.type("#locality", "San Francisco");
        this.browser.type("#state", "California");
        this.browser.type("#country", "US");
        this.browser.click("#create-csr");

        assertThat(this.browser.find("#san-1-error").getText())
                .startsWith("Reserved top domain subject alternative names (SAN)");
        assertThat(this.browser.find("#san-1").getAttribute("aria-invalid")).isEqualTo("true");
        this.browser.screenshot("generate-csr-inline-error");
        this.browser.click("button[aria-label='Remove SAN 2']");
        this.browser.click("#create-csr");

        String pem = this.browser.find("#csr-pem").getText();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(Openssl.inspect(pem + "\n").dnsNames()).containsExactly(host);
        this.browser.click("#copy-csr");
        new WebDriverWait(this.browser.driver, Duration.ofSeconds(5))
                .until(ExpectedConditions.attributeToBe(By.id("copy-csr"), "data-copied", "true"));
        assertThat(clipboard()).isEqualToIgnoringWhitespace(pem);
        this.browser.screenshot("csr-detail");

        this.browser.click("#delete-csr");
        this.browser.screenshot("csr-delete-confirm");
        this.browser.click("#confirm-delete");
        assertThat(this.browser.find(".notice").getText()).contains("destroyed its private key");
        assertThat(this.browser.find("#csr-card").getText()).contains("No CSRs yet.");
    }

    @Test
    void aCertificateSignedFromTheCsrIsUploadedWithEncodingModeCsrAndTheCsrCannotGoWhileItIsInUse() throws Exception {
        signIn();
        this.browser.open("/zones/" + this.zoneId + "/ssl-tls/edge-certificates");
        assertThat(this.browser.find("#certificate-card").getText()).contains("No custom certificates yet.");
        String host = "www." + this.zoneName;
        String csrPath = generateCsr(host);
        String pem = this.browser.find("#csr-pem").getText() + "\n";
        TestCa ca = CertificateTestConfiguration.CA;
        String signed =
                TestCa.pem(ca.leafForCsr(pem).certificate(), ca.intermediate().certificate());

        // a certificate for another key is refused with the API's code and words, next to the certificate
        this.browser.open("/zones/" + this.zoneId + "/ssl-tls/certificates/new");
        assertThat(this.browser.find("input[name='mode'][value='csr']").isSelected())
                .isTrue();
        KeyPair other = TestCa.ec("secp256r1");
        paste("#certificate", TestCa.pem(ca.leaf(other.getPublic(), host).certificate()));
        this.browser.click("#submit-certificate");
        assertThat(this.browser.find("#certificate-error").getText())
                .startsWith("The certificate and private key pair you uploaded is invalid.")
                .endsWith("(code 2200)");

        paste("#certificate", signed);
        this.browser.screenshot("upload-certificate-csr-mode");
        this.browser.click("#submit-certificate");
        String table = this.browser.find("#certificate-table").getText();
        assertThat(table).contains(host).contains("Keyhold Tests").contains("active");
        assertThat(this.browser
                        .find("#certificate-table a[href='" + csrPath + "']")
                        .getText())
                .isEqualTo(host);
        assertThat(this.browser.find("#csr-table").getText()).contains("In use");
        this.browser.screenshot("edge-certificates");

        this.browser.open(csrPath + "/delete");
        assertThat(this.browser.find("#in-use-warning").getText()).contains("custom certificate");
        this.browser.click("#confirm-delete");
        assertThat(this.browser.find(".error").getText()).startsWith("The custom CSR is in use and cannot be deleted.");
        this.browser.screenshot("csr-in-use-refusal");

        this.browser.open("/zones/" + this.zoneId + "/ssl-tls/edge-certificates");
        this.browser.driver.executeScript("window.confirm = function () { return true; };");
        this.browser.click(".delete-certificate");
        assertThat(this.browser.find(".notice").getText()).startsWith("Deleted the certificate for " + host);
        this.browser.open(csrPath + "/delete");
        this.browser.click("#confirm-delete");
        assertThat(this.browser.find("#csr-card").getText()).contains("No CSRs yet.");
        assertThat(this.browser.driver.getPageSource()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void anAccountCsrIsChosenByScopeAndListedOnTheAccountPage() {
        signIn();
        this.browser.open("/zones/" + this.zoneId + "/ssl-tls/csrs/new");
        this.browser.click("input[name='scope'][value='account']");
        this.browser.type("#name", "Storefront");
        this.browser.type("#commonName", "www.storefront-" + this.zoneId.substring(0, 6) + ".dev");
        this.browser.type("#organization", "Keyhold Browser Test");
        this.browser.type("#locality", "Lisbon");
        this.browser.type("#state", "Lisboa");
        this.browser.type("#country", "PT");
        this.browser.find("#keyType").sendKeys("E");
        this.browser.screenshot("generate-csr-account-scope");
        this.browser.click("#create-csr");

        assertThat(this.browser.path()).contains("/accounts/").contains("/ssl-tls/csrs/");
        this.browser.click(".crumbs a[href$='/ssl-tls']");
        String table = this.browser.find("#csr-table").getText();
        assertThat(table).contains("Storefront").contains("ECDSA P-256");
        this.browser.screenshot("account-csrs");
    }

    @Test
    void anApiTokenIsCreatedFromPermissionGroupsAndItsValueShownOnce() throws Exception {
        signIn();
        this.browser.open("/switch?to=account:" + this.accountId);
        this.browser.click(".tabs a[href$='/api-tokens']");
        this.browser.type("#token-name", "deploys " + this.zoneName);
        this.browser.click("input[name='groups'][value='7b7216b327b04b8fbc8f524e1f9b7531']");
        new Select(this.browser.find("#token-zone")).selectByVisibleText(this.zoneName);
        this.browser.click("#create-token");

        String value = this.browser.find("#token-value").getText();
        assertThat(value).matches("[A-Za-z0-9_-]{40}");
        this.browser.click("#copy-token");
        new WebDriverWait(this.browser.driver, Duration.ofSeconds(5))
                .until(ExpectedConditions.attributeToBe(By.id("copy-token"), "data-copied", "true"));
        assertThat(clipboard()).isEqualTo(value);
        this.browser.screenshot("api-token-created");
        assertThat(V4Client.operator(this.port)
                        .bearer(value)
                        .get("/zones/" + this.zoneId + "/custom_csrs")
                        .status())
                .isEqualTo(200);

        this.browser.open("/accounts/" + this.accountId + "/api-tokens");
        this.browser.find("#token-table");
        assertThat(this.browser.driver.getPageSource()).doesNotContain(value);
    }

    @Test
    void everyFieldOnEveryFormHasALabel() {
        signIn();
        String zone = "/zones/" + this.zoneId + "/ssl-tls";
        for (String page : List.of(
                "/sign-in",
                "/",
                zone + "/edge-certificates",
                zone + "/csrs/new",
                zone + "/certificates/new",
                zone + "/custom-hostnames",
                zone + "/custom-hostnames/new",
                "/accounts/" + this.accountId + "/ssl-tls",
                "/accounts/" + this.accountId + "/api-tokens",
                "/accounts/" + this.accountId + "/webhooks",
                "/admin")) {
            this.browser.open(page);
            Object unlabelled = this.browser.driver.executeScript(
                    "return Array.from(document.querySelectorAll('input, select, textarea'))"
                            + ".filter(e => e.type !== 'hidden' && e.type !== 'submit')"
                            + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
                            + ".map(e => e.name || e.id);");
            assertThat((List<?>) unlabelled).as("unlabelled fields on " + page).isEmpty();
        }
    }

    @Test
    void theSignInPageWorksFromTheKeyboardInANarrowWindow() {
        this.browser.resize(400, 800);
        this.browser.open("/");
        this.browser.find("#email").sendKeys(TestDatabase.OPERATOR_EMAIL, Keys.TAB);
        this.browser.driver.switchTo().activeElement().sendKeys(TestDatabase.OPERATOR_PASSWORD, Keys.ENTER);
        assertThat(this.browser.find("h1").getText()).isEqualTo("Overview");
        this.browser.screenshot("overview-narrow");
    }

    /** Generates a zone CSR for the host from the Edge Certificates page and returns the CSR page's path. */
    private String generateCsr(String host) {
        this.browser.click("#generate-csr");
        this.browser.type("#commonName", host);
        this.browser.type("#organization", "Keyhold Browser Test");
        this.browser.type("#locality", "San Francisco");
        this.browser.type("#state", "California");
        this.browser.type("#country", "US");
        this.browser.click("#create-csr");
        this.browser.find("#csr-pem");
        return this.browser.path();
    }

    /** Puts text into a field at once (typing a PEM key by key is slow and auto-indents nothing here). */
    private void paste(String css, String text) {
        WebElement field = this.browser.find(css);
        this.browser.driver.executeScript("arguments[0].value = arguments[1];", field, text);
    }

    private void signIn() {
        this.browser.open("/sign-in");
        this.browser.screenshot("sign-in");
        this.browser.type("#email", TestDatabase.OPERATOR_EMAIL);
        this.browser.type("#password", TestDatabase.OPERATOR_PASSWORD);
        this.browser.click("button[type='submit']");
        assertThat(this.browser.find("h1").getText()).isEqualTo("Overview");
    }

    /** What the page would paste: the clipboard, read through the page with the permission the profile grants. */
    private String clipboard() {
        Object text = this.browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('clipboard error: ' + e));");
        return String.valueOf(text);
    }
}
