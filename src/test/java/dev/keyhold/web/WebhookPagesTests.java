package dev.keyhold.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.expiry.DeliveryWorker;
import dev.keyhold.expiry.ExpiryChecker;
import dev.keyhold.support.CertificateTestConfiguration;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.MutableClock;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.TestDatabase;
import dev.keyhold.support.V4Client;
import dev.keyhold.support.WebhookReceiver;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The account's Webhooks page over HTTP: what it lists (never a secret), adding one that the API then serves with its
 * secret stored, the API's refusals with the form kept but the secret not echoed, delete, a webhook's deliveries, and
 * the API's permissions (SSL and Certificates Read to look, Write to change; nothing of another account).
 */
@KeyholdApiTest
@Import(CertificateTestConfiguration.class)
class WebhookPagesTests {

    static final String SECRET = "whsec-page-" + "0123456789abcdef";

    static final String PASSWORD = "a member password";

    /** Split so that no tracked file holds a PEM private key armour line. */
    static final String PRIVATE_KEY_MARKER = "PRIVATE" + " KEY";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    ExpiryChecker checker;

    @Autowired
    DeliveryWorker worker;

    V4Client api;

    DashboardSession operator;

    WebhookReceiver receiver;

    String accountId;

    String page;

    @BeforeEach
    void freshAccount() {
        this.api = V4Client.operator(this.port);
        // NOTE: a fresh account, so that only this test's webhooks are listed and only its certificates alert them
        this.accountId = this.api
                .post("/accounts", Map.of("name", "Webhook pages " + System.nanoTime()))
                .result()
                .get("id")
                .asString();
        this.page = "/accounts/" + this.accountId + "/webhooks";
        this.operator = new DashboardSession(this.port);
        this.operator.signIn(TestDatabase.OPERATOR_EMAIL, TestDatabase.OPERATOR_PASSWORD);
        this.receiver = new WebhookReceiver();
    }

    @AfterEach
    void closeReceiver() {
        this.receiver.close();
    }

    @Test
    void listsAWebhookMadeThroughTheApiWithoutItsSecret() {
        String id = apiWebhook("On-call pager", "https://alerts.keyhold.dev/hook");

        HttpResponse<String> list = this.operator.get(this.page);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("id=\"webhook-table\"", "On-call pager", "https://alerts.keyhold.dev/hook")
                .contains("href=\"" + this.page + "/" + id + "\"")
                .contains("aria-current=\"page\">Webhooks")
                .doesNotContain(SECRET);
        assertThat(this.operator.get(this.page + "/" + id).body())
                .contains(
                        "On-call pager", "https://alerts.keyhold.dev/hook", "No alerts were sent to this webhook yet.")
                .doesNotContain(SECRET);
    }

    @Test
    void aWebhookAddedOnThePageIsServedByTheApiWithItsSecretStored() {
        String url = this.receiver.url("/from-the-page");

        HttpResponse<String> added =
                this.operator.submit(this.page, this.page, Map.of("name", "Paged", "url", url, "secret", SECRET));

        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(DashboardSession.location(added)).endsWith(this.page);
        String after = this.operator.get(this.page).body();
        assertThat(after).contains("Added the webhook Paged.", url).doesNotContain(SECRET);
        JsonNode webhooks = this.api.get(webhooks()).result();
        assertThat(webhooks).hasSize(1);
        JsonNode webhook = webhooks.get(0);
        assertThat(webhook.get("name").asString()).isEqualTo("Paged");
        assertThat(webhook.get("url").asString()).isEqualTo(url);
        assertThat(this.jdbc
                        .sql("select secret from webhooks where id = :id")
                        .param("id", webhook.get("id").asString())
                        .query(String.class)
                        .single())
                .isEqualTo(SECRET);
    }

    @Test
    void aRefusedWebhookIsExplainedWithNameAndUrlKeptAndTheSecretNotEchoed() {
        HttpResponse<String> badUrl = this.operator.submit(
                this.page, this.page, Map.of("name", "Bad scheme", "url", "ftp://x", "secret", SECRET));
        HttpResponse<String> shortSecret = this.operator.submit(
                this.page,
                this.page,
                Map.of("name", "Short", "url", "https://alerts.keyhold.dev/short", "secret", "too-short"));
        HttpResponse<String> noName = this.operator.submit(
                this.page, this.page, Map.of("name", "", "url", "https://alerts.keyhold.dev/n", "secret", SECRET));

        assertThat(badUrl.statusCode()).isEqualTo(200);
        assertThat(badUrl.body())
                .contains("id=\"webhook-error\"", "url must be an http or https URL, not &#39;ftp:&#39;")
                .contains("value=\"Bad scheme\"", "value=\"ftp://x\"")
                .containsPattern("id=\"webhook-url\"[^>]*aria-invalid=\"true\"")
                .doesNotContain(SECRET);
        assertThat(shortSecret.statusCode()).isEqualTo(200);
        assertThat(shortSecret.body())
                .contains("secret must have between 16 and 1024 characters")
                .contains("value=\"Short\"", "value=\"https://alerts.keyhold.dev/short\"")
                .containsPattern("id=\"webhook-secret\"[^>]*aria-invalid=\"true\"")
                .doesNotContain("too-short");
        assertThat(noName.body()).contains("name is required").doesNotContain(SECRET);
        assertThat(this.api.get(webhooks()).result()).isEmpty();
        assertThat(this.jdbc
                        .sql("select count(*) from webhooks where account_id = :a")
                        .param("a", this.accountId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void deletingAWebhookOnThePageRemovesIt() {
        String id = apiWebhook("Going", "https://alerts.keyhold.dev/going");
        String action = this.page + "/" + id + "/delete";
        assertThat(this.operator.get(this.page).body()).contains("action=\"" + action + "\"");

        HttpResponse<String> deleted = this.operator.submit(this.page, action, Map.of());

        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(DashboardSession.location(deleted)).endsWith(this.page);
        assertThat(this.api.get(webhooks() + "/" + id).status()).isEqualTo(404);
        assertThat(this.operator.get(this.page).body())
                .contains("Deleted the webhook Going")
                .contains("No webhooks yet.")
                .doesNotContain(action);
        assertThat(this.operator.get(this.page + "/" + id).statusCode()).isEqualTo(404);
        assertThat(this.operator.submit(this.page, action, Map.of()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aWebhooksPageShowsItsDeliveriesWithStatusAndLastError() {
        String id = apiWebhook("Flaky", this.receiver.url("/flaky"));
        this.receiver.otherwise(500);
        String certificate = uploadExpiring(this.clock.instant().plus(Duration.ofDays(20)));
        this.checker.check();
        this.worker.deliverDue();
        assertThat(this.receiver.received()).hasSize(1);

        HttpResponse<String> shown = this.operator.get(this.page + "/" + id);

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body())
                .contains("id=\"delivery-table\"", "Deliveries <span>(1)</span>")
                .containsPattern("class=\"badge badge-warn\">pending<")
                .contains("<td>1</td>", "<td>500</td>", "<td>HTTP 500</td>", "<td>30</td>")
                .contains(certificate)
                .doesNotContain(SECRET);
        String lastFailure =
                this.api.get(webhooks() + "/" + id).result().get("last_failure").asString();
        assertThat(this.operator.get(this.page).body()).contains(Display.instant(Instant.parse(lastFailure)));
    }

    @Test
    void anUnknownMalformedOrOtherAccountsWebhookIsNotFound() {
        String other = this.api
                .post("/accounts", Map.of("name", "Other " + System.nanoTime()))
                .result()
                .get("id")
                .asString();
        String elsewhere = this.api
                .post(
                        "/accounts/" + other + "/alerting/v3/destinations/webhooks",
                        Map.of("name", "theirs", "url", "https://alerts.keyhold.dev/theirs", "secret", SECRET))
                .result()
                .get("id")
                .asString();

        for (String path : new String[] {
            this.page + "/not-a-uuid",
            this.page + "/00000000-0000-4000-8000-000000000000",
            this.page + "/" + elsewhere,
            "/accounts/not-an-account/webhooks"
        }) {
            HttpResponse<String> response = this.operator.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("<h1>Not found</h1>");
        }
        assertThat(this.operator
                        .submit(this.page, this.page + "/" + elsewhere + "/delete", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(this.api
                        .get("/accounts/" + other + "/alerting/v3/destinations/webhooks/" + elsewhere)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aReadOnlyMemberSeesTheWebhooksButCannotChangeThemAndAnotherAccountsMemberSeesNothing() {
        String id = apiWebhook("Watched", "https://alerts.keyhold.dev/watched");
        String other = this.api
                .post("/accounts", Map.of("name", "Stranger " + System.nanoTime()))
                .result()
                .get("id")
                .asString();
        long n = System.nanoTime();
        String readOnly = "webhook-reader" + n + "@keyhold.test";
        String stranger = "webhook-stranger" + n + "@keyhold.test";
        this.operator.addUser(readOnly, PASSWORD, this.accountId, "READ_ONLY");
        this.operator.addUser(stranger, PASSWORD, other, "ADMINISTRATOR");

        DashboardSession reader = new DashboardSession(this.port);
        reader.signIn(readOnly, PASSWORD);
        String seen = reader.get(this.page).body();
        assertThat(seen)
                .contains("Watched", "https://alerts.keyhold.dev/watched")
                .doesNotContain("id=\"create-webhook\"")
                .doesNotContain("/delete\"");
        assertThat(reader.get(this.page + "/" + id).statusCode()).isEqualTo(200);
        assertThat(reader.submit(
                                this.page,
                                this.page,
                                Map.of("name", "Mine", "url", "https://alerts.keyhold.dev/mine", "secret", SECRET))
                        .statusCode())
                .isEqualTo(404);
        assertThat(reader.submit(this.page, this.page + "/" + id + "/delete", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(this.api.get(webhooks()).result())
                .singleElement()
                .satisfies(w -> assertThat(w.get("id").asString()).isEqualTo(id));

        DashboardSession outsider = new DashboardSession(this.port);
        outsider.signIn(stranger, PASSWORD);
        assertThat(outsider.get(this.page).statusCode()).isEqualTo(404);
        assertThat(outsider.get(this.page + "/" + id).statusCode()).isEqualTo(404);
        assertThat(outsider.submit("/", this.page + "/" + id + "/delete", Map.of())
                        .statusCode())
                .isEqualTo(404);
        assertThat(outsider.get("/accounts/" + other + "/webhooks").statusCode())
                .isEqualTo(200);
        assertThat(this.api.get(webhooks() + "/" + id).status()).isEqualTo(200);
    }

    private String webhooks() {
        return "/accounts/" + this.accountId + "/alerting/v3/destinations/webhooks";
    }

    /** Adds a webhook of the account through the API; returns its id. */
    private String apiWebhook(String name, String url) {
        V4Client.Response r = this.api.post(webhooks(), Map.of("name", name, "url", url, "secret", SECRET));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("id").asString();
    }

    /** Uploads a leaf for www.<a fresh zone>, issued by the test intermediate, valid until {@code notAfter}. */
    private String uploadExpiring(Instant notAfter) {
        String zoneId = this.api.createZone("webhookpages", this.accountId);
        String zoneName = this.api.get("/zones/" + zoneId).result().get("name").asString();
        TestCa ca = CertificateTestConfiguration.CA;
        KeyPair keys = TestCa.ec("secp256r1");
        X509Certificate leaf = ca.leaf(keys.getPublic(), "www." + zoneName)
                .validity(this.clock.instant().minus(Duration.ofDays(1)), notAfter)
                .certificate();
        V4Client.Response r = this.api.post(
                "/zones/" + zoneId + "/custom_certificates",
                Map.of("certificate", TestCa.pem(leaf, ca.intermediate().certificate()), "private_key", pkcs8(keys)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("id").asString();
    }

    private static String pkcs8(KeyPair keys) {
        return "-----BEGIN " + PRIVATE_KEY_MARKER + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END " + PRIVATE_KEY_MARKER + "-----\n";
    }
}
