package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH with Cloudflare's semantics, and PUT prioritize. */
class CustomCertificatesEditApiTests extends CertificateApiTest {

    @Test
    void renewsALegacyCertificateInPlaceWithANewCertificateForTheSameCsr() {
        JsonNode csr = zoneCsr(host("www"));
        String csrId = csr.get("id").asString();
        JsonNode first = upload(byCsr(signed(csr), csrId)).result();
        String id = first.get("id").asString();
        String renewal = TestCa.pem(
                CA.leafForCsr(csr.get("csr").asString())
                        .validity(TestCa.NOW.minus(TestCa.days(1)), TestCa.NOW.plus(TestCa.days(120)))
                        .certificate(),
                CA.intermediate().certificate());

        V4Client.Response renewed = patch(id, byCsr(renewal, csrId));

        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        CONTRACT.assertResponse("PATCH", certificates() + "/" + id, 200, renewed.body());
        assertThat(renewed.result().get("id").asString()).isEqualTo(id);
        assertThat(Instant.parse(renewed.result().get("expires_on").asString()))
                .isEqualTo(TestCa.NOW.plus(TestCa.days(120)));
        assertThat(renewed.result().get("uploaded_on")).isEqualTo(first.get("uploaded_on"));
        assertThat(Instant.parse(renewed.result().get("modified_on").asString()))
                .isAfterOrEqualTo(Instant.parse(first.get("modified_on").asString()));
        assertThat(certificatesInZone()).isEqualTo(1);

        V4Client.Response withoutCsrId = patch(id, Map.of("certificate", signed(csr)));
        assertThat(withoutCsrId.status())
                .as("the stored key is used when the PATCH names none: " + withoutCsrId.body())
                .isEqualTo(200);
    }

    @Test
    void givesAnSniCertificateANewIdWhenItsCertificateIsReplaced() {
        JsonNode csr = zoneCsr(host("www"));
        String csrId = csr.get("id").asString();
        Map<String, Object> body = byCsr(signed(csr), csrId);
        body.put("type", "sni_custom");
        String id = upload(body).result().get("id").asString();

        V4Client.Response renewed = patch(id, byCsr(signed(csr), csrId));

        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        String newId = renewed.result().get("id").asString();
        assertThat(newId).isNotEqualTo(id);
        assertThat(this.api.get(certificates() + "/" + id).status()).isEqualTo(404);
        assertThat(this.api.get(certificates() + "/" + newId).status()).isEqualTo(200);
        assertThat(certificatesInZone()).isEqualTo(1);

        V4Client.Response typeChange = patch(newId, Map.of("type", "legacy_custom"));
        assertThat(typeChange.status()).isEqualTo(400);
        assertThat(typeChange.errorCode()).isEqualTo(2001);
        assertThat(typeChange.errorMessage()).contains("type");
    }

    @Test
    void refusesACertificateForAnotherCsrsKeyAndChangesNothing() {
        JsonNode csr = zoneCsr(host("www"));
        JsonNode other = zoneCsr(host("api"));
        JsonNode first = upload(byCsr(signed(csr), csr.get("id").asString())).result();
        String id = first.get("id").asString();

        V4Client.Response sameCsrWrongLeaf = patch(id, Map.of("certificate", signed(other)));
        assertThat(sameCsrWrongLeaf.status()).isEqualTo(400);
        assertThat(sameCsrWrongLeaf.errorCode()).isEqualTo(2200);

        V4Client.Response otherCsr =
                patch(id, byCsr(signed(other), other.get("id").asString()));
        assertThat(otherCsr.status()).isEqualTo(400);
        assertThat(otherCsr.errorCode()).isEqualTo(2200);

        assertThat(this.api.get(certificates() + "/" + id).result()).isEqualTo(first);
    }

    @Test
    void replacesAnUploadedKeyAndDestroysTheOldOne() {
        KeyPair oldKeys = TestCa.ec("secp256r1");
        String id = upload(withKey(leaf(oldKeys, "www"), pkcs8(oldKeys)))
                .result()
                .get("id")
                .asString();
        String oldKeyId = keyIdOf(id);
        long keysBefore = count("sealed_keys");
        KeyPair newKeys = TestCa.rsa(2048);

        V4Client.Response replaced = patch(id, withKey(leaf(newKeys, "www"), pkcs8(newKeys)));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertNoKeyMaterial(replaced.body(), pkcs8(newKeys));
        assertThat(replaced.result().get("id").asString()).isEqualTo(id);
        assertThat(keyIdOf(id)).isNotEqualTo(oldKeyId);
        assertThat(count("sealed_keys")).isEqualTo(keysBefore);
        assertThat(this.jdbc
                        .sql("select count(*) from sealed_keys where id = :id")
                        .param("id", oldKeyId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void changesBundleMethodAndRestrictionsWithoutANewCertificate() {
        JsonNode csr = zoneCsr(host("www"));
        String id = upload(byCsr(signed(csr), csr.get("id").asString()))
                .result()
                .get("id")
                .asString();

        Map<String, Object> body = new HashMap<>();
        body.put("bundle_method", "force");
        body.put("geo_restrictions", Map.of("label", "eu"));
        body.put("policy", "(region: EU)");
        V4Client.Response changed = patch(id, body);

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        CONTRACT.assertResponse("PATCH", certificates() + "/" + id, 200, changed.body());
        assertThat(changed.result().get("id").asString()).isEqualTo(id);
        assertThat(changed.result().get("bundle_method").asString()).isEqualTo("force");
        assertThat(changed.result().get("geo_restrictions").get("label").asString())
                .isEqualTo("eu");
        assertThat(changed.result().get("policy_restrictions").asString()).isEqualTo("(region: EU)");
        assertThat(patch("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", body).status()).isEqualTo(404);
        assertThat(patch("nope", body).status()).isEqualTo(400);
    }

    @Test
    void reprioritizesAndListsByPriority() {
        JsonNode a = zoneCsr(host("a"));
        JsonNode b = zoneCsr(host("b"));
        String first = upload(byCsr(signed(a), a.get("id").asString()))
                .result()
                .get("id")
                .asString();
        String second = upload(byCsr(signed(b), b.get("id").asString()))
                .result()
                .get("id")
                .asString();
        assertThat(CustomCertificatesApiTests.ids(this.api.get(certificates()))).containsExactly(first, second);

        V4Client.Response r = this.api.send(
                "PUT",
                certificates() + "/prioritize",
                Map.of(
                        "certificates",
                        List.of(Map.of("id", first, "priority", 5), Map.of("id", second, "priority", 1))));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        CONTRACT.assertResponse("PUT", certificates() + "/prioritize", 200, r.body());
        assertThat(CustomCertificatesApiTests.ids(r)).containsExactly(second, first);
        assertThat(r.result().get(0).get("priority").asInt()).isEqualTo(1);
        assertThat(CustomCertificatesApiTests.ids(this.api.get(certificates()))).containsExactly(second, first);

        V4Client.Response unknown = this.api.send(
                "PUT",
                certificates() + "/prioritize",
                Map.of(
                        "certificates",
                        List.of(
                                Map.of("id", first, "priority", 9),
                                Map.of("id", "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", "priority", 2))));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(1002);
        assertThat(this.api
                        .get(certificates() + "/" + first)
                        .result()
                        .get("priority")
                        .asInt())
                .as("nothing half-written")
                .isEqualTo(5);
        V4Client.Response negative = this.api.send(
                "PUT",
                certificates() + "/prioritize",
                Map.of("certificates", List.of(Map.of("id", first, "priority", -1))));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.errorCode()).isEqualTo(2001);
    }

    private V4Client.Response patch(String id, Map<String, Object> body) {
        return this.api.send("PATCH", certificates() + "/" + id, body);
    }

    private String leaf(KeyPair keys, String label) {
        return TestCa.pem(
                CA.leaf(keys.getPublic(), host(label)).certificate(),
                CA.intermediate().certificate());
    }

    private String keyIdOf(String id) {
        return this.jdbc
                .sql("select key_id from custom_certificates where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
