package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.Openssl;
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

/**
 * The CSR card over plain HTTP (the browser tests drive the same pages in Chromium): generate with the API's rules and
 * words shown next to the field at fault, the PEM and its download, delete with confirmation, and 404 for anything
 * the user cannot see.
 */
@KeyholdApiTest
class CsrPagesTests {

    private static final Pattern CSR_LINK = Pattern.compile("/ssl-tls/csrs/([0-9a-f-]{36})");

    @LocalServerPort
    int port;

    DashboardSession browser;

    String zoneId;

    String accountId;

    @BeforeEach
    void signInWithAZone() {
        V4Client api = V4Client.operator(this.port);
        this.accountId = api.defaultAccountId();
        this.zoneId = api.createZone("pages", this.accountId);
        this.browser = new DashboardSession(this.port);
        this.browser.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);
    }

    @Test
    void edgeCertificatesPageOffersTheCsrCard() {
        HttpResponse<String> page = this.browser.get(zonePage());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Certificate Signing Request (CSR)")
                .contains("No CSRs yet.")
                .contains("href=\"/zones/" + this.zoneId + "/ssl-tls/csrs/new\"");
    }

    @Test
    void aRefusedCsrComesBackWithTheApisMessageNextToTheFieldAndNothingCreated() {
        Map<String, String> fields = validFields("www.pages-refused.dev");
        fields.put("sans", "intranet.test");

        HttpResponse<String> refused = this.browser.submit(newCsr(), zoneBase() + "/csrs", fields);

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"san-0-error\"")
                .contains("Reserved top domain subject alternative names (SAN), such as")
                .contains("aria-invalid=\"true\"")
                .contains("value=\"www.pages-refused.dev\"");
        assertThat(this.browser.get(zonePage()).body()).contains("No CSRs yet.");
    }

    @Test
    void missingCountryIsShownAtTheCountryField() {
        Map<String, String> fields = validFields("www.pages-country.dev");
        fields.put("country", "");

        String body =
                this.browser.submit(newCsr(), zoneBase() + "/csrs", fields).body();

        assertThat(body).containsPattern("id=\"country-error\"[^>]*>Country field is required. Check your input");
    }

    @Test
    void generatesAZoneCsrShowsItsPemAndDownloadAndDeletesItAfterConfirmation() throws Exception {
        HttpResponse<String> created =
                this.browser.submit(newCsr(), zoneBase() + "/csrs", validFields("www.pages-flow.dev"));
        assertThat(created.statusCode()).isEqualTo(302);
        String detailPath = DashboardSession.location(created).replaceFirst("^https?://[^/]+", "");
        Matcher id = CSR_LINK.matcher(detailPath);
        assertThat(id.find()).isTrue();

        String detail = this.browser.get(detailPath).body();
        assertThat(detail)
                .contains("Created the CSR for www.pages-flow.dev.")
                .contains("-----BEGIN CERTIFICATE REQUEST-----")
                .contains("Click to copy")
                .doesNotContain("PRIVATE KEY");
        HttpResponse<String> download = this.browser.get(detailPath + "/download");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).contains("attachment").contains("www.pages-flow.dev.csr"));
        assertThat(Openssl.inspect(download.body()).subjectValue("CN")).hasValue("www.pages-flow.dev");

        String list = this.browser.get(zonePage()).body();
        assertThat(list).contains("www.pages-flow.dev").contains("RSA 2048").contains("Unused");

        assertThat(this.browser.get(detailPath + "/delete").body()).contains("destroys its private key");
        HttpResponse<String> deleted = this.browser.submit(detailPath + "/delete", detailPath + "/delete", Map.of());
        assertThat(DashboardSession.location(deleted)).endsWith(zonePage());
        assertThat(this.browser.get(zonePage()).body()).contains("No CSRs yet.");
        assertThat(this.browser.get(detailPath).statusCode()).isEqualTo(404);
    }

    @Test
    void theAccountScopeCreatesAnAccountCsrListedOnTheAccountPage() {
        Map<String, String> fields = validFields("www.pages-account.dev");
        fields.put("scope", "account");
        fields.put("name", "Shared storefront key");

        HttpResponse<String> created = this.browser.submit(newCsr(), zoneBase() + "/csrs", fields);

        assertThat(DashboardSession.location(created)).contains("/accounts/" + this.accountId + "/ssl-tls/csrs/");
        String accountPage =
                this.browser.get("/accounts/" + this.accountId + "/ssl-tls").body();
        assertThat(accountPage).contains("Shared storefront key").contains("www.pages-account.dev");
        assertThat(this.browser.get(zonePage()).body()).doesNotContain("www.pages-account.dev");
    }

    @Test
    void unknownAndMalformedIdsAnswerTheSameNotFoundPage() {
        assertThat(this.browser
                        .get("/zones/0123456789abcdef0123456789abcdef/ssl-tls/edge-certificates")
                        .statusCode())
                .isEqualTo(404);
        assertThat(this.browser
                        .get("/zones/not-a-zone/ssl-tls/edge-certificates")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> csr = this.browser.get(zoneBase() + "/csrs/7b163417-1d2b-4c84-a38a-2fb7a0cd7752");
        assertThat(csr.statusCode()).isEqualTo(404);
        assertThat(csr.body()).contains("Not found").doesNotContain("\"success\"");
    }

    @Test
    void theSwitcherGoesToTheChosenZoneOrAccount() {
        assertThat(DashboardSession.location(this.browser.get("/switch?to=zone:" + this.zoneId)))
                .endsWith(zonePage());
        assertThat(DashboardSession.location(this.browser.get("/switch?to=account:" + this.accountId)))
                .endsWith("/accounts/" + this.accountId + "/ssl-tls");
        assertThat(DashboardSession.location(this.browser.get("/switch?to=zone:../../etc")))
                .endsWith("/");
    }

    private Map<String, String> validFields(String commonName) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("scope", "zone");
        fields.put("commonName", commonName);
        fields.put("sans", commonName);
        fields.put("organization", "Keyhold Pages Test");
        fields.put("locality", "San Francisco");
        fields.put("state", "California");
        fields.put("country", "US");
        fields.put("keyType", "rsa2048");
        return fields;
    }

    private String zoneBase() {
        return "/zones/" + this.zoneId + "/ssl-tls";
    }

    private String zonePage() {
        return zoneBase() + "/edge-certificates";
    }

    private String newCsr() {
        return zoneBase() + "/csrs/new";
    }
}
