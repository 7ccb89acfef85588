package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.V4Client;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * With the default {@code KEYHOLD_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=false} (the other tests allow private addresses for
 * their receivers on 127.0.0.1): a webhook URL whose host is or resolves to a loopback, private, link-local or other
 * non-public address is refused on create and on replace, and a delivery to a URL that became private is not sent.
 */
@TestPropertySource(properties = "keyhold.expiry.allow-private-addresses=false")
class WebhookAddressPolicyApiTests extends ExpiryApiTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:5432/",
                "http://localhost:8080/actuator",
                "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.8/hook",
                "https://172.20.1.1/hook",
                "https://192.168.1.1/hook",
                "http://100.64.0.1/hook",
                "http://0.0.0.0:8080/",
                "http://[fd00::1]/hook",
                "http://[fe80::1]/hook",
                "http://[::ffff:192.168.0.1]/hook",
                "http://[64:ff9b::a00:1]/hook",
            })
    void refusesAUrlThatIsNotAPublicAddress(String url) {
        V4Client.Response r = this.api.post(webhooks(), Map.of("name", "internal", "url", url, "secret", SECRET));

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(1003);
        assertThat(r.errorMessage())
                .contains("which is not a public address")
                .contains("KEYHOLD_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true");
        assertThat(r.json().get("errors").get(0).get("source").get("pointer").asString())
                .isEqualTo("/url");
        assertThat(this.api.get(webhooks()).result()).isEmpty();
    }

    @Test
    void acceptsAPublicAddressButNotAReplacementThatIsPrivate() {
        V4Client.Response created = this.api.post(
                webhooks(), Map.of("name", "public", "url", "https://198.51.100.7/hook", "secret", SECRET));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.result().get("id").asString();

        V4Client.Response replaced =
                this.api.send("PUT", webhooks() + "/" + id, Map.of("name", "public", "url", "http://localhost:9/hook"));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(400);
        assertThat(replaced.errorMessage()).contains("points at 127.0.0.1 (localhost)");
        assertThat(this.api.get(webhooks() + "/" + id).result().get("url").asString())
                .isEqualTo("https://198.51.100.7/hook");
        V4Client.Response audit = this.api.get(
                "/accounts/" + this.accountId + "/audit_logs?resource.type=webhook&direction=asc&action.type=update");
        assertThat(audit.result()).singleElement().satisfies(event -> {
            assertThat(event.get("action").get("result").asBoolean()).isFalse();
            assertThat(event.get("resource").get("id").asString()).isEqualTo(id);
            assertThat(event.get("metadata").get("reason").asString()).isEqualTo("1003");
        });
    }

    @Test
    void aDeliveryToAUrlThatBecamePrivateIsNotSent() {
        V4Client.Response created = this.api.post(
                webhooks(), Map.of("name", "moved", "url", "https://198.51.100.7/hook", "secret", SECRET));
        String webhook = created.result().get("id").asString();
        // what a DNS change after the save amounts to: the same webhook now leads to an address inside the network
        this.jdbc
                .sql("update webhooks set url = :url where id = :id")
                .param("url", this.receiver.url("/internal"))
                .param("id", webhook)
                .update();
        uploadExpiring(this.clock.instant().plus(Duration.ofDays(20)));
        this.checker.check();

        this.worker.deliverDue();

        assertThat(this.receiver.received()).isEmpty();
        JsonNode delivery = onlyDelivery(webhook);
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_status_code").isNull()).isTrue();
        assertThat(delivery.get("last_error").asString())
                .startsWith("not sent: the url points at 127.0.0.1, which is not a public address")
                .contains("KEYHOLD_WEBHOOK_ALLOW_PRIVATE_ADDRESSES");
    }
}
