package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.MutableClock;
import dev.keyhold.support.OpenApiContract;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** PATCH of custom hostnames: certificate renewal, re-keying, idempotent re-posts, and what may not change. */
class CustomHostnamesEditApiTests extends HostnameApiTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.cloudflare();

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        this.clock.set(TestCa.NOW);
    }

    @Test
    void renewsByPatchKeepingTheIdAndMovingExpiryLater() {
        String host = "renew." + this.base;
        Csr csr = zoneCsr(host);
        V4Client.Response created = createWithCsr(host, csr, chainFor(csr));
        String id = created.result().get("id").asString();
        Instant firstExpiry =
                Instant.parse(created.result().get("ssl").get("expires_on").asString());

        this.clock.set(TestCa.NOW.plus(TestCa.days(60)));
        String renewed = chain(CA.leafForCsr(csr.pem())
                .validity(TestCa.NOW.plus(TestCa.days(59)), TestCa.NOW.plus(TestCa.days(150)))
                .certificate());
        Map<String, Object> ssl = new HashMap<>(Map.of("custom_certificate", renewed));
        V4Client.Response patched = patch(id, Map.of("ssl", ssl, "custom_metadata", Map.of("tier", "gold")));

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        CONTRACT.assertResponse("PATCH", hostname(id), 200, patched.body());
        assertThat(patched.result().get("id").asString()).isEqualTo(id);
        assertThat(patched.result().get("ssl").get("custom_csr_id").asString()).isEqualTo(csr.id());
        Instant secondExpiry =
                Instant.parse(patched.result().get("ssl").get("expires_on").asString());
        assertThat(secondExpiry).isAfter(firstExpiry);
        assertThat(patched.result().get("custom_metadata").get("tier").asString())
                .isEqualTo("gold");
        assertThat(this.api
                        .get(hostname(id))
                        .result()
                        .get("ssl")
                        .get("expires_on")
                        .asString())
                .isEqualTo(secondExpiry.toString());

        V4Client.Response foreign = patch(
                id,
                Map.of(
                        "ssl",
                        Map.of(
                                "custom_certificate",
                                chain(CA.leaf(TestCa.ec("secp256r1").getPublic(), host)
                                        .validity(TestCa.NOW, TestCa.NOW.plus(TestCa.days(200)))
                                        .certificate()))));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorCode()).as("a renewal must carry the CSR's key").isEqualTo(1429);
    }

    @Test
    void rePostingTheCertificateInServiceChangesNothingAndSaysSo() {
        String host = "again." + this.base;
        Csr csr = zoneCsr(host);
        String certificate = chainFor(csr);
        V4Client.Response created = createWithCsr(host, csr, certificate);
        String id = created.result().get("id").asString();

        this.clock.set(TestCa.NOW.plus(TestCa.days(1)));
        V4Client.Response again = patch(id, Map.of("ssl", Map.of("custom_certificate", certificate)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("messages").get(0).get("message").asString())
                .contains("already the hostname's certificate");
        assertThat(again.result().get("ssl").get("uploaded_on").asString())
                .isEqualTo(created.result().get("ssl").get("uploaded_on").asString());
    }

    @Test
    void editsOriginAndMetadataButNeverTheName() {
        String host = "fixed." + this.base;
        String id =
                this.api.post(hostnames(), body(host, null)).result().get("id").asString();

        V4Client.Response renamed = patch(id, Map.of("hostname", "other." + this.base));
        assertThat(renamed.status()).isEqualTo(409);
        assertThat(renamed.errorCode()).isEqualTo(1439);
        assertThat(renamed.header("x-should-retry")).isEqualTo("false");

        V4Client.Response edited = patch(
                id,
                Map.of(
                        "hostname",
                        host,
                        "custom_origin_server",
                        "origin." + this.base,
                        "custom_origin_sni",
                        ":request_host_header:"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.result().get("hostname").asString()).isEqualTo(host);
        assertThat(edited.result().get("custom_origin_server").asString()).isEqualTo("origin." + this.base);
        assertThat(edited.result().get("custom_origin_sni").asString()).isEqualTo(":request_host_header:");

        V4Client.Response badSni = patch(id, Map.of("custom_origin_sni", "no spaces please"));
        assertThat(badSni.status()).isEqualTo(400);
        assertThat(badSni.errorCode()).isEqualTo(1415);
        assertThat(patch(id, Map.of("custom_origin_sni", "x".repeat(300))).errorCode())
                .isEqualTo(1415);
        assertThat(this.api.get(hostname(id)).result().get("custom_origin_sni").asString())
                .as("a refused edit changes nothing")
                .isEqualTo(":request_host_header:");
    }

    @Test
    void renewsWithTheStoredUploadedKeyOrReplacesItDestroyingTheOldOne() {
        String host = "rekey." + this.base;
        KeyPair first = TestCa.ec("secp256r1");
        V4Client.Response created = this.api.post(
                hostnames(),
                body(
                        host,
                        Map.of(
                                "custom_certificate",
                                chain(CA.leaf(first.getPublic(), host).certificate()),
                                "custom_key",
                                pkcs8Pem(first))));
        String id = created.result().get("id").asString();
        String firstKey = keyIdOf(id);

        V4Client.Response sameKey = patch(
                id,
                Map.of(
                        "ssl",
                        Map.of(
                                "custom_certificate",
                                chain(CA.leaf(first.getPublic(), host)
                                        .validity(TestCa.NOW, TestCa.NOW.plus(TestCa.days(120)))
                                        .certificate()))));
        assertThat(sameKey.status()).as(sameKey.body()).isEqualTo(200);
        assertThat(keyIdOf(id)).isEqualTo(firstKey);

        KeyPair second = TestCa.rsa(2048);
        V4Client.Response newKey = patch(
                id,
                Map.of(
                        "ssl",
                        Map.of(
                                "custom_certificate",
                                chain(CA.leaf(second.getPublic(), host).certificate()),
                                "custom_key",
                                pkcs8Pem(second))));
        assertThat(newKey.status()).as(newKey.body()).isEqualTo(200);
        assertThat(newKey.result().get("id").asString()).isEqualTo(id);
        assertThat(keyIdOf(id)).isNotEqualTo(firstKey);
        assertThat(countWhere("select count(*) from sealed_keys where id = :p", firstKey))
                .as("the replaced uploaded key is destroyed")
                .isZero();
        assertThat(countWhere("select count(*) from sealed_keys where id = :p", keyIdOf(id)))
                .isEqualTo(1);
    }

    private String keyIdOf(String hostnameId) {
        return this.jdbc
                .sql("select key_id from custom_hostnames where id = :id")
                .param("id", hostnameId)
                .query(String.class)
                .single();
    }
}
