package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CertificateTestConfiguration;
import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The Custom Hostnames page: a hostname added with a certificate signed for an account CSR (Encoding mode CSR), the
 * API's codes and words for a certificate that does not cover it and for a duplicate, and delete.
 */
@KeyholdApiTest
@Import(CertificateTestConfiguration.class)
class HostnamePagesTests {

    private static final Pattern DELETE = Pattern.compile("action=\"([^\"]+/custom-hostnames/[0-9a-f-]{36}/delete)\"");

    @LocalServerPort
    int port;

    V4Client api;

    DashboardSession browser;

    String zoneId;

    String hostname;

    String csrId;

    String signed;

    @BeforeEach
    void accountCsrSignedForTheHostname() {
        this.api = V4Client.operator(this.port);
        String account = this.api.defaultAccountId();
        this.zoneId = this.api.createZone("saas", account);
        this.hostname = "shop" + System.nanoTime() + ".customers-pages.dev";
        V4Client.Response csr =
                this.api.post("/accounts/" + account + "/custom_csrs", CsrRequests.body("rsa2048", this.hostname));
        assertThat(csr.status()).as(csr.body()).isEqualTo(201);
        this.csrId = csr.result().get("id").asString();
        TestCa ca = CertificateTestConfiguration.CA;
        this.signed = TestCa.pem(
                ca.leafForCsr(csr.result().get("csr").asString()).certificate(),
                ca.intermediate().certificate());
        this.browser = new DashboardSession(this.port);
        this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);
    }

    @Test
    void addsAHostnameWithACertificateForAnAccountCsrRefusesADuplicateAndDeletesIt() {
        String page = "/zones/" + this.zoneId + "/ssl-tls/custom-hostnames";
        assertThat(this.browser.get(page + "/new").body())
                .contains("Encoding mode")
                .contains("value=\"" + this.csrId + "\"");

        HttpResponse<String> added = this.browser.submit(page + "/new", page, fields(this.signed));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        String list = this.browser.get(page).body();
        assertThat(list)
                .contains(this.hostname)
                .contains(">active<")
                .contains("_cf-custom-hostname." + this.hostname)
                .doesNotContain("PRIVATE KEY");

        String duplicate =
                this.browser.submit(page + "/new", page, fields(this.signed)).body();
        assertThat(duplicate)
                .contains("id=\"hostname-error\"")
                .contains("Duplicate custom hostname found. (code 1406)");

        Matcher delete = DELETE.matcher(list);
        assertThat(delete.find()).isTrue();
        assertThat(this.browser.submit(page, delete.group(1), Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(this.browser.get(page).body()).contains("No custom hostnames yet.");
    }

    @Test
    void aCertificateThatDoesNotCoverTheHostnameGetsTheApisCodeAndNothingIsKept() {
        String page = "/zones/" + this.zoneId + "/ssl-tls/custom-hostnames";
        Map<String, String> form = fields(this.signed);
        form.put("hostname", "other" + System.nanoTime() + ".customers-pages.dev");

        String refused = this.browser.submit(page + "/new", page, form).body();

        assertThat(refused)
                .contains("id=\"certificate-error\"")
                .contains("The certificate does not include the custom hostname.")
                .contains("(code 1446)");
        assertThat(this.browser.get(page).body()).contains("No custom hostnames yet.");
    }

    @Test
    void aHostnameAddedWithoutACertificateIsPendingUntilOneIsUploadedForIt() {
        String page = "/zones/" + this.zoneId + "/ssl-tls/custom-hostnames";
        Map<String, String> bare = fields("");
        assertThat(this.browser.submit(page + "/new", page, bare).statusCode()).isEqualTo(302);
        String list = this.browser.get(page).body();
        assertThat(list)
                .contains(this.hostname)
                .contains(">pending_validation<")
                .contains(">Upload certificate<");

        Matcher upload = Pattern.compile("href=\"([^\"]+/custom-hostnames/[0-9a-f-]{36}/certificate)\"")
                .matcher(list);
        assertThat(upload.find()).isTrue();
        Map<String, String> certificate = fields(this.signed);
        certificate.remove("hostname");
        HttpResponse<String> uploaded = this.browser.submit(upload.group(1), upload.group(1), certificate);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        assertThat(this.browser.get(page).body())
                .contains("Saved the certificate of " + this.hostname)
                .contains(">active<")
                .contains(">Replace<");
    }

    private Map<String, String> fields(String certificate) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("hostname", this.hostname);
        form.put("mode", "csr");
        form.put("csrId", this.csrId);
        form.put("certificate", certificate);
        form.put("bundleMethod", "ubiquitous");
        return form;
    }
}
