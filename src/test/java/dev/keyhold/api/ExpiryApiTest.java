package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.expiry.DeliveryWorker;
import dev.keyhold.expiry.ExpiryChecker;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import dev.keyhold.support.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Base of expiry alert tests: a fresh account (so only this test's certificates alert its webhooks) with a zone, a
 * real HTTP receiver, the checker and the delivery worker to run by hand, and helpers to upload certificates that
 * expire when a test says and to check a delivery's signature independently of Keyhold's code.
 */
abstract class ExpiryApiTest extends CertificateApiTest {

    static final String SECRET = "whsec-test-" + "0123456789abcdef";

    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");

    @Autowired
    ExpiryChecker checker;

    @Autowired
    DeliveryWorker worker;

    WebhookReceiver receiver;

    @BeforeEach
    void freshAccount() {
        this.accountId = this.api
                .post("/accounts", Map.of("name", "Expiry " + System.nanoTime()))
                .result()
                .get("id")
                .asString();
        this.zoneId = this.api.createZone("expiry", this.accountId);
        this.zoneName =
                this.api.get("/zones/" + this.zoneId).result().get("name").asString();
        this.receiver = new WebhookReceiver();
    }

    @AfterEach
    void closeReceiver() {
        this.receiver.close();
    }

    String webhooks() {
        return "/accounts/" + this.accountId + "/alerting/v3/destinations/webhooks";
    }

    /** Registers the receiver as a webhook of the account; returns its id. */
    String webhook(String path) {
        V4Client.Response r =
                this.api.post(webhooks(), Map.of("name", "alerts", "url", this.receiver.url(path), "secret", SECRET));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("id").asString();
    }

    /** The webhook's one delivery, as the deliveries endpoint lists it. */
    JsonNode onlyDelivery(String webhook) {
        V4Client.Response r = this.api.get(webhooks() + "/" + webhook + "/deliveries");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("result_info").get("total_count").asInt()).isEqualTo(1);
        return r.result().get(0);
    }

    /** Uploads a leaf for www.<zone>, issued by the test intermediate, valid until {@code notAfter}; returns its id. */
    String uploadExpiring(Instant notAfter) {
        KeyPair keys = TestCa.ec("secp256r1");
        X509Certificate leaf = CA.leaf(keys.getPublic(), host("www"))
                .validity(this.clock.instant().minus(Duration.ofDays(1)), notAfter)
                .certificate();
        return uploaded(upload(withKey(TestCa.pem(leaf, CA.intermediate().certificate()), pkcs8(keys))));
    }

    static String uploaded(V4Client.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.result().get("id").asString();
    }

    /** Asserts the delivery carries a valid signature of its body under {@link #SECRET}, made near {@code now}. */
    static void assertSigned(WebhookReceiver.Received delivery, Instant now) throws Exception {
        String header = delivery.header("X-Keyhold-Signature");
        assertThat(header).as("signature header").isNotNull();
        Matcher m = SIGNATURE.matcher(header);
        assertThat(m.matches()).as(header).isTrue();
        long t = Long.parseLong(m.group(1));
        assertThat(Math.abs(t - now.getEpochSecond()))
                .as("signed at the application's time")
                .isLessThan(600);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected =
                HexFormat.of().formatHex(mac.doFinal((t + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(m.group(2)).as("HMAC-SHA256 of t.body").isEqualTo(expected);
    }

    static JsonNode json(WebhookReceiver.Received delivery) {
        return V4Client.JSON.readTree(delivery.body());
    }
}
