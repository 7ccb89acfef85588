package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import dev.keyhold.support.WebhookReceiver;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Expiry alerts and the expiry gauge for certificates uploaded to custom hostnames: they count exactly like custom
 * certificates, and the payload says which hostname the certificate serves.
 */
class HostnameExpiryAlertsApiTests extends ExpiryApiTest {

    record Hostname(String id, String name, String sslId) {}

    @Test
    void aHostnameCertificateWithTwentyDaysLeftRaisesOneThirtyDayAlertNamingTheHostname() throws Exception {
        webhook("/hook");
        Instant notAfter = this.clock.instant().plus(Duration.ofDays(20)).minus(Duration.ofHours(1));
        Hostname hostname = hostnameExpiring(notAfter);

        this.checker.check();
        this.checker.check();
        assertThat(notifications(hostname.sslId())).as("claimed once").containsExactly(30);
        this.worker.deliverDue();
        this.worker.deliverDue();

        List<WebhookReceiver.Received> received = this.receiver.received();
        assertThat(received).hasSize(1);
        assertSigned(received.get(0), this.clock.instant());
        JsonNode alert = json(received.get(0));
        assertThat(alert.get("alert_type").asString()).isEqualTo("certificate_expiring");
        assertThat(alert.get("certificate_id").asString()).isEqualTo(hostname.sslId());
        assertThat(alert.get("custom_hostname_id").asString()).isEqualTo(hostname.id());
        assertThat(alert.get("hostname").asString()).isEqualTo(hostname.name());
        assertThat(alert.get("zone_id").asString()).isEqualTo(this.zoneId);
        assertThat(alert.get("account_id").asString()).isEqualTo(this.accountId);
        assertThat(alert.get("hosts").get(0).asString()).isEqualTo(hostname.name());
        assertThat(Instant.parse(alert.get("expires_on").asString()))
                .isEqualTo(notAfter.truncatedTo(ChronoUnit.SECONDS));
        assertThat(alert.get("days_left").asInt()).isEqualTo(20);
        assertThat(alert.get("threshold_days").asInt()).isEqualTo(30);
        assertThat(alert.get("element").asString()).isEqualTo("leaf");
        assertThat(alert.get("text").asString()).contains(hostname.name()).contains("in 20 days");
    }

    @Test
    void theGaugeHasASeriesPerHostnameCertificateUntilTheHostnameIsDeleted() {
        Instant notAfter = this.clock.instant().plus(Duration.ofDays(42)).plus(Duration.ofHours(12));
        Hostname hostname = hostnameExpiring(notAfter);
        this.checker.check();

        String labels = series(hostname.sslId());
        assertThat(label(labels, "kind")).isEqualTo("custom_hostname");
        assertThat(label(labels, "zone_id")).isEqualTo(this.zoneId);
        assertThat(label(labels, "element")).isEqualTo("leaf");

        V4Client.Response deleted = this.api.delete("/zones/" + this.zoneId + "/custom_hostnames/" + hostname.id());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        this.checker.check();
        assertThat(this.api.getOutsideApi("/actuator/prometheus").body()).doesNotContain(hostname.sslId());
    }

    /** Creates a custom hostname with an uploaded certificate and key, valid until {@code notAfter}. */
    private Hostname hostnameExpiring(Instant notAfter) {
        String name = "shop-" + System.nanoTime() + ".customers.dev";
        KeyPair keys = TestCa.ec("secp256r1");
        X509Certificate leaf = CA.leaf(keys.getPublic(), name)
                .validity(this.clock.instant().minus(Duration.ofDays(1)), notAfter)
                .certificate();
        Map<String, Object> ssl = Map.of(
                "method",
                "http",
                "type",
                "dv",
                "custom_certificate",
                TestCa.pem(leaf, CA.intermediate().certificate()),
                "custom_key",
                pkcs8(keys));
        V4Client.Response r =
                this.api.post("/zones/" + this.zoneId + "/custom_hostnames", Map.of("hostname", name, "ssl", ssl));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Hostname(
                r.result().get("id").asString(),
                name,
                r.result().get("ssl").get("id").asString());
    }

    private List<Integer> notifications(String certificateId) {
        return this.jdbc
                .sql("select threshold_days from expiry_notifications where certificate_id = :c")
                .param("c", certificateId)
                .query(Integer.class)
                .list();
    }

    private String series(String certificateId) {
        String body = this.api.getOutsideApi("/actuator/prometheus").body();
        Matcher m = Pattern.compile("(?m)^keyhold_certificate_expiry_days\\{([^}]*certificate_id=\"" + certificateId
                        + "\"[^}]*)\\} (\\S+)$")
                .matcher(body);
        assertThat(m.find()).as("a series for %s in %s", certificateId, body).isTrue();
        assertThat(Double.parseDouble(m.group(2))).isBetween(42.4, 42.51);
        return m.group(1);
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        assertThat(m.find()).as("label %s in %s", name, labels).isTrue();
        return m.group(1);
    }
}
