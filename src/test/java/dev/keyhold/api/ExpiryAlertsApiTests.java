package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.WebhookReceiver;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The checker against real certificates and a real receiver: which thresholds are raised and when, once across runs
 * and concurrent checkers, what the payload says (the served chain's earliest notAfter, and which element has it),
 * and the expiry gauge at {@code /actuator/prometheus}.
 */
class ExpiryAlertsApiTests extends ExpiryApiTest {

    @Test
    void raisesEachThresholdOnceAcrossRunsAndConcurrentCheckers() throws Exception {
        webhook("/hook");
        Instant now = this.clock.instant();
        Instant notAfter = now.plus(Duration.ofDays(20)).minus(Duration.ofHours(1));
        String certificate = uploadExpiring(notAfter);

        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> nodes = List.of(
                CompletableFuture.supplyAsync(() -> checkAfter(together)),
                CompletableFuture.supplyAsync(() -> checkAfter(together)));
        // NOTE: the checkers count every certificate of the shared database; only this one's rows are asserted
        assertThat(nodes.get(0).get() + nodes.get(1).get()).isPositive();
        assertThat(notifications(certificate))
                .as("raised by two checkers at once")
                .containsExactly(30);
        this.checker.check();
        assertThat(notifications(certificate)).as("after a later run").containsExactly(30);
        this.worker.deliverDue();
        this.worker.deliverDue();

        List<WebhookReceiver.Received> received = this.receiver.received();
        assertThat(received).hasSize(1);
        WebhookReceiver.Received first = received.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/hook");
        assertThat(first.header("Content-Type")).startsWith("application/json");
        assertSigned(first, this.clock.instant());
        JsonNode alert = json(first);
        assertThat(alert.get("alert_type").asString()).isEqualTo("certificate_expiring");
        assertThat(alert.get("certificate_id").asString()).isEqualTo(certificate);
        assertThat(alert.get("zone_id").asString()).isEqualTo(this.zoneId);
        assertThat(alert.get("account_id").asString()).isEqualTo(this.accountId);
        assertThat(alert.get("custom_hostname_id").isNull())
                .as("a custom certificate")
                .isTrue();
        assertThat(alert.get("hostname").isNull()).as("a custom certificate").isTrue();
        assertThat(alert.get("hosts").get(0).asString()).isEqualTo(host("www"));
        assertThat(Instant.parse(alert.get("expires_on").asString())).isEqualTo(seconds(notAfter));
        assertThat(alert.get("days_left").asInt()).isEqualTo(20);
        assertThat(alert.get("threshold_days").asInt()).isEqualTo(30);
        assertThat(alert.get("element").asString()).isEqualTo("leaf");
        assertThat(alert.get("text").asString()).contains(certificate).contains("in 20 days");

        later(Duration.ofDays(10), () -> {
            this.checker.check();
            this.checker.check();
            assertThat(notifications(certificate)).containsExactlyInAnyOrder(30, 14);
            this.worker.deliverDue();
        });
        received = this.receiver.received();
        assertThat(received).hasSize(2);
        JsonNode second = json(received.get(1));
        assertThat(second.get("threshold_days").asInt()).isEqualTo(14);
        assertThat(second.get("days_left").asInt()).isEqualTo(10);
        assertThat(second.get("certificate_id").asString()).isEqualTo(certificate);
        assertThat(second.get("notification_id").asString())
                .isNotEqualTo(alert.get("notification_id").asString());
    }

    @Test
    void aCertificateFirstSeenInsideBothThresholdsSendsOnlyTheMostUrgent() {
        webhook("/hook");
        uploadExpiring(this.clock.instant().plus(Duration.ofDays(20)));
        later(Duration.ofDays(10), () -> {
            this.checker.check();
            this.worker.deliverDue();
        });
        assertThat(this.receiver.received()).hasSize(1);
        assertThat(json(this.receiver.received().get(0)).get("threshold_days").asInt())
                .isEqualTo(14);
        this.checker.check();
        this.worker.deliverDue();
        assertThat(this.receiver.received())
                .as("the 30-day threshold was claimed too")
                .hasSize(1);
    }

    @Test
    void nothingIsRaisedOutsideTheThresholds() {
        webhook("/hook");
        uploadExpiring(this.clock.instant().plus(Duration.ofDays(31)));
        this.checker.check();
        this.worker.deliverDue();
        assertThat(this.receiver.received()).isEmpty();
    }

    @Test
    void anIntermediateThatExpiresBeforeTheLeafRaisesTheAlertAndIsNamed() throws Exception {
        webhook("/hook");
        Instant now = this.clock.instant();
        Instant intermediateNotAfter = now.plus(Duration.ofDays(25));
        TestCa.Issued shortIntermediate = TestCa.certificate("Keyhold Short Intermediate", TestCa.rsa(2048))
                .ca()
                .validity(now.minus(Duration.ofDays(10)), intermediateNotAfter)
                .issuedBy(CA.root());
        KeyPair keys = TestCa.ec("secp256r1");
        Instant leafNotAfter = now.plus(Duration.ofDays(80));
        X509Certificate leaf = TestCa.certificate(host("www"), keys.getPublic())
                .sans(host("www"))
                .validity(now.minus(Duration.ofDays(1)), leafNotAfter)
                .certificateIssuedBy(shortIntermediate);
        String certificate = uploaded(upload(withKey(TestCa.pem(leaf, shortIntermediate.certificate()), pkcs8(keys))));

        this.checker.check();
        this.worker.deliverDue();

        assertThat(this.receiver.received()).hasSize(1);
        WebhookReceiver.Received delivery = this.receiver.received().get(0);
        assertSigned(delivery, this.clock.instant());
        JsonNode alert = json(delivery);
        assertThat(alert.get("certificate_id").asString()).isEqualTo(certificate);
        assertThat(alert.get("element").asString()).isEqualTo("intermediate");
        assertThat(alert.get("subject").asString()).contains("CN=Keyhold Short Intermediate");
        assertThat(Instant.parse(alert.get("expires_on").asString())).isEqualTo(seconds(intermediateNotAfter));
        assertThat(Instant.parse(alert.get("leaf_expires_on").asString())).isEqualTo(seconds(leafNotAfter));
        assertThat(alert.get("threshold_days").asInt()).isEqualTo(30);
        assertThat(alert.get("days_left").asInt()).isEqualTo(25);
        assertThat(metric(certificate).element()).isEqualTo("intermediate");
    }

    @Test
    void theGaugeSaysTheDaysLeftOfEachCertificate() {
        Instant notAfter = this.clock.instant().plus(Duration.ofDays(42)).plus(Duration.ofHours(12));
        String certificate = uploadExpiring(notAfter);
        this.checker.check();
        Metric metric = metric(certificate);
        assertThat(metric.element()).isEqualTo("leaf");
        assertThat(metric.zoneId()).isEqualTo(this.zoneId);
        assertThat(metric.kind()).isEqualTo("custom_certificate");
        // NOTE: notAfter has whole seconds; the clock moved on a little since
        assertThat(metric.value()).isBetween(42.4, 42.51);

        this.api.delete(certificates() + "/" + certificate);
        this.checker.check();
        assertThat(this.api.getOutsideApi("/actuator/prometheus").body()).doesNotContain(certificate);
    }

    record Metric(String zoneId, String element, String kind, double value) {}

    Metric metric(String certificate) {
        String body = this.api.getOutsideApi("/actuator/prometheus").body();
        Matcher m = Pattern.compile("(?m)^keyhold_certificate_expiry_days\\{([^}]*certificate_id=\"" + certificate
                        + "\"[^}]*)\\} (\\S+)$")
                .matcher(body);
        assertThat(m.find()).as("a series for %s in %s", certificate, body).isTrue();
        String labels = m.group(1);
        return new Metric(
                label(labels, "zone_id"),
                label(labels, "element"),
                label(labels, "kind"),
                Double.parseDouble(m.group(2)));
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        assertThat(m.find()).as("label %s in %s", name, labels).isTrue();
        return m.group(1);
    }

    /** The thresholds raised for the certificate, one entry per notification row. */
    List<Integer> notifications(String certificate) {
        return this.jdbc
                .sql("select threshold_days from expiry_notifications where certificate_id = :c")
                .param("c", certificate)
                .query(Integer.class)
                .list();
    }

    private int checkAfter(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return this.checker.check();
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
