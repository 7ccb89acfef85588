package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.PrivateKeyMaterial;
import dev.keyhold.support.MutableClock;
import dev.keyhold.support.OpenApiContract;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class CustomHostnamesApiTests extends HostnameApiTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.cloudflare();

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        this.clock.set(TestCa.NOW);
    }

    @Test
    void createsAHostnameWithACertificateForAZoneCsr() {
        String host = "shop." + this.base;
        Csr csr = zoneCsr(host);
        V4Client.Response created = createWithCsr(host, csr, chainFor(csr));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        CONTRACT.assertResponse("POST", hostnames(), 201, created.body());
        JsonNode h = created.result();
        String id = h.get("id").asString();
        assertThat(id).hasSize(36);
        assertThat(h.get("hostname").asString()).isEqualTo(host);
        assertThat(h.get("status").asString()).isEqualTo("pending");
        JsonNode ssl = h.get("ssl");
        assertThat(ssl.get("status").asString()).isEqualTo("active");
        assertThat(ssl.get("custom_csr_id").asString()).isEqualTo(csr.id());
        assertThat(ssl.get("method").asString()).isEqualTo("http");
        assertThat(ssl.get("type").asString()).isEqualTo("dv");
        assertThat(ssl.get("bundle_method").asString()).isEqualTo("ubiquitous");
        assertThat(ssl.get("issuer").asString()).isEqualTo("Keyhold Tests");
        assertThat(ssl.get("signature").asString()).isEqualTo("SHA256WithRSA");
        assertThat(ssl.get("id").asString()).hasSize(36).isNotEqualTo(id);
        assertThat(ssl.get("serial_number").asString()).matches("[0-9a-f]+");
        assertThat(ssl.get("hosts").get(0).asString()).isEqualTo(host);
        assertThat(Instant.parse(ssl.get("expires_on").asString())).isEqualTo(TestCa.NOW.plus(TestCa.days(90)));
        assertThat(Instant.parse(ssl.get("uploaded_on").asString())).isBetween(TestCa.NOW, TestCa.NOW.plusSeconds(600));
        assertThat(h.get("ownership_verification").get("type").asString()).isEqualTo("txt");
        assertThat(h.get("ownership_verification").get("name").asString()).isEqualTo("_cf-custom-hostname." + host);
        String token = h.get("ownership_verification").get("value").asString();
        assertThat(token).hasSize(36);
        assertThat(h.get("ownership_verification_http").get("http_url").asString())
                .isEqualTo("http://" + host + "/.well-known/cf-custom-hostname-challenge/" + id);
        assertThat(h.get("ownership_verification_http").get("http_body").asString())
                .isEqualTo(token);
        assertThat(created.body()).doesNotContain("BEGIN CERTIFICATE");

        V4Client.Response fetched = this.api.get(hostname(id));
        assertThat(fetched.status()).isEqualTo(200);
        CONTRACT.assertResponse("GET", hostname(id), 200, fetched.body());
        assertThat(fetched.result()).isEqualTo(h);
    }

    @Test
    void aHostnameWithoutACertificateIsPendingValidation() {
        Map<String, Object> ssl = new HashMap<>(Map.of("method", "txt", "type", "dv"));
        ssl.put("settings", Map.of("min_tls_version", "1.2", "http2", "on"));
        Map<String, Object> body = body("pending." + this.base, ssl);
        body.put("custom_metadata", Map.of("customer", "42"));
        body.put("custom_origin_server", "origin." + this.base);
        V4Client.Response created = this.api.post(hostnames(), body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        CONTRACT.assertResponse("POST", hostnames(), 201, created.body());
        JsonNode h = created.result();
        assertThat(h.get("ssl").get("status").asString()).isEqualTo("pending_validation");
        assertThat(h.get("ssl").get("method").asString()).isEqualTo("txt");
        assertThat(h.get("ssl").has("expires_on")).isFalse();
        assertThat(h.get("ssl").get("settings").get("min_tls_version").asString())
                .isEqualTo("1.2");
        assertThat(h.get("custom_metadata").get("customer").asString()).isEqualTo("42");
        assertThat(h.get("custom_origin_server").asString()).isEqualTo("origin." + this.base);

        V4Client.Response bare = this.api.post(hostnames(), body("bare." + this.base, null));
        assertThat(bare.status()).as(bare.body()).isEqualTo(201);
        assertThat(bare.result().has("ssl")).isFalse();
    }

    @Test
    void takesAnUploadedKeyIntoCustodyAndNeverReturnsOrLogsIt(CapturedOutput output) {
        String host = "keyed." + this.base;
        KeyPair keys = TestCa.ec("secp256r1");
        String certificate = chain(CA.leaf(keys.getPublic(), host).certificate());
        Map<String, Object> ssl =
                new HashMap<>(Map.of("custom_certificate", certificate, "custom_key", pkcs8Pem(keys)));
        V4Client.Response created = this.api.post(hostnames(), body(host, ssl));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.result().get("ssl").get("status").asString()).isEqualTo("active");
        assertThat(created.result().get("ssl").has("custom_csr_id")).isFalse();
        String id = created.result().get("id").asString();
        String keyId = this.jdbc
                .sql("select key_id from custom_hostnames where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(countWhere("select count(*) from sealed_keys where id = :p", keyId))
                .isEqualTo(1);

        V4Client.Response listed = this.api.get(hostnames());
        V4Client.Response fetched = this.api.get(hostname(id));
        PrivateKeyMaterial.of(KeyType.P256V1, keys.getPrivate().getEncoded())
                .assertAbsentFrom(created.body(), listed.body(), fetched.body(), output.getAll());

        V4Client.Response mismatched = this.api.post(
                hostnames(),
                body(
                        "other." + this.base,
                        Map.of(
                                "custom_certificate",
                                chain(CA.leaf(TestCa.ec("secp256r1").getPublic(), "other." + this.base)
                                        .certificate()),
                                "custom_key",
                                pkcs8Pem(keys))));
        assertThat(mismatched.status()).isEqualTo(400);
        assertThat(mismatched.errorCode()).isEqualTo(1429);
        PrivateKeyMaterial.of(KeyType.P256V1, keys.getPrivate().getEncoded()).assertAbsentFrom(mismatched.body());

        V4Client.Response garbageKey = this.api.post(
                hostnames(),
                body("garbage." + this.base, Map.of("custom_certificate", certificate, "custom_key", "not a key")));
        assertThat(garbageKey.status()).isEqualTo(400);
        assertThat(garbageKey.errorCode()).isEqualTo(1428);

        assertThat(this.api.delete(hostname(id)).status()).isEqualTo(200);
        assertThat(countWhere("select count(*) from sealed_keys where id = :p", keyId))
                .as("an uploaded key is destroyed with its hostname")
                .isZero();
    }

    @Test
    void putsUploadWarningsInMessages() {
        String host = "warned." + this.base;
        Csr csr = zoneCsr(host);
        String withRoot = chainFor(csr) + CA.root().pem();
        V4Client.Response created = createWithCsr(host, csr, withRoot);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        CONTRACT.assertResponse("POST", hostnames(), 201, created.body());
        JsonNode messages = created.json().get("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("code").asInt()).isEqualTo(HostnameErrors.WARNING);
        assertThat(messages.get(0).get("message").asString()).contains("Keyhold Test Root", "not served");
        Csr plain = zoneCsr("plain." + this.base);
        V4Client.Response clean = createWithCsr("plain." + this.base, plain, chainFor(plain));
        assertThat(clean.status()).as(clean.body()).isEqualTo(201);
        assertThat(clean.json().get("messages"))
                .as("a clean upload has no messages")
                .isEmpty();
    }

    @Test
    void deleteAnswersABareIdThenTheHostnameIsGone() {
        V4Client.Response created = this.api.post(hostnames(), body("gone." + this.base, null));
        String id = created.result().get("id").asString();

        V4Client.Response deleted = this.api.delete(hostname(id));
        assertThat(deleted.status()).isEqualTo(200);
        CONTRACT.assertResponse("DELETE", hostname(id), 200, deleted.body());
        assertThat(deleted.json().propertyNames()).containsExactly("id");
        assertThat(deleted.json().get("id").asString()).isEqualTo(id);

        V4Client.Response gone = this.api.get(hostname(id));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo(1436);
        CONTRACT.assertResponse("GET", hostname(id), 404, gone.body());
        assertThat(this.api.delete(hostname(id)).errorCode()).isEqualTo(1436);
        assertThat(patch(id, Map.of("custom_metadata", Map.of())).errorCode()).isEqualTo(1436);
    }

    @Test
    void refusesMalformedIdsWith400AndUnknownOnesWith404() {
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            V4Client.Response malformed =
                    this.api.send(method, hostname("not-a-uuid"), method.equals("PATCH") ? Map.of() : null);
            assertThat(malformed.status()).as(method).isEqualTo(400);
            assertThat(malformed.errorCode()).as(method).isEqualTo(1435);
            V4Client.Response unknown = this.api.send(
                    method, hostname("0d89c70d-ad9f-4843-b99f-6cc0252067e9"), method.equals("PATCH") ? Map.of() : null);
            assertThat(unknown.status()).as(method).isEqualTo(404);
            assertThat(unknown.errorCode()).as(method).isEqualTo(1436);
        }
    }

    @Test
    void refusesADuplicateHostnameInAnyZoneWithoutNamingTheOtherZone() {
        String host = "dup." + this.base;
        assertThat(this.api.post(hostnames(), body(host, null)).status()).isEqualTo(201);

        V4Client.Response again = this.api.post(hostnames(), body(host.toUpperCase(), null));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo(1406);
        assertThat(again.header("x-should-retry")).isEqualTo("false");

        String otherZone = this.api.createZone("dupother", this.accountId);
        V4Client.Response elsewhere = this.api.post("/zones/" + otherZone + "/custom_hostnames", body(host, null));
        assertThat(elsewhere.status()).isEqualTo(409);
        assertThat(elsewhere.errorCode()).isEqualTo(1406);
        assertThat(elsewhere.body()).doesNotContain(this.zoneId);
    }

    @Test
    void checksTheHostnameAndTheRequestWithTheDocumentedCodes() {
        Map<String, Integer> cases = new HashMap<>();
        cases.put("bad_name!." + this.base, 1407);
        cases.put("192.0.2.1", 1407);
        cases.put("bücher." + this.base, 1408);
        cases.put("shop.localhost", 1409);
        cases.put("co.uk", 1410);
        cases.put("shop.example.com", 1411);
        cases.forEach((host, code) -> {
            V4Client.Response r = this.api.post(hostnames(), body(host, null));
            assertThat(r.status()).as(host + ": " + r.body()).isEqualTo(400);
            assertThat(r.errorCode()).as(host + ": " + r.body()).isEqualTo(code);
        });
        assertThat(this.api.post(hostnames(), Map.of()).errorCode()).isEqualTo(1407);
        assertThat(this.api.post(hostnames(), "{not json").errorCode()).isEqualTo(1400);

        String host = "rules." + this.base;
        Map<Map<String, Object>, Integer> ssl = Map.of(
                Map.of("method", "carrier-pigeon"), 1432,
                Map.of("type", "ev"), 1433,
                Map.of("bundle_method", "fastest"), 1449,
                Map.of("settings", Map.of("http2", "maybe")), 1422,
                Map.of("settings", Map.of("tls_1_3", 1)), 1424,
                Map.of("settings", Map.of("min_tls_version", "1.4")), 1425,
                Map.of("settings", Map.of("ciphers", List.of("AES128-SHA", "AES128-SHA"))), 1442,
                Map.of("settings", Map.of("ciphers", List.of("AES128-SHA"), "min_tls_version", "1.3")), 1443,
                Map.of("wildcard", true), 1448,
                Map.of("custom_key", "x"), 1434);
        ssl.forEach((attributes, code) -> {
            V4Client.Response r = this.api.post(hostnames(), body(host, attributes));
            assertThat(r.status()).as(attributes + ": " + r.body()).isEqualTo(400);
            assertThat(r.errorCode()).as(attributes + ": " + r.body()).isEqualTo(code);
        });
        Map<String, Object> metadata = body(host, null);
        metadata.put("custom_metadata", Map.of("n", 1));
        assertThat(this.api.post(hostnames(), metadata).errorCode()).isEqualTo(1401);
        Map<String, Object> onWildcard = body("*." + this.base, null);
        onWildcard.put("custom_metadata", Map.of("n", "1"));
        assertThat(this.api.post(hostnames(), onWildcard).errorCode()).isEqualTo(1412);
        Map<String, Object> origin = body(host, null);
        origin.put("custom_origin_server", "origin.example.com");
        assertThat(this.api.post(hostnames(), origin).errorCode()).isEqualTo(1419);
        assertThat(count("custom_hostnames where zone_id = '" + this.zoneId + "'"))
                .as("nothing half-written")
                .isZero();
    }
}
