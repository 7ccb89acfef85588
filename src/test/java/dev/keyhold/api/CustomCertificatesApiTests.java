package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

class CustomCertificatesApiTests extends CertificateApiTest {

    @Test
    void uploadsACertificateForAZoneCsrAndReportsItsFacts() {
        JsonNode csr = zoneCsr(host("www"), host("api"));
        V4Client.Response created = upload(byCsr(signed(csr), csr.get("id").asString()));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        CONTRACT.assertResponse("POST", certificates(), 200, created.body());
        JsonNode c = created.result();
        assertThat(c.get("id").asString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(c.get("zone_id").asString()).isEqualTo(this.zoneId);
        assertThat(c.get("custom_csr_id").asString()).isEqualTo(csr.get("id").asString());
        assertThat(c.get("hosts").values().stream().map(JsonNode::asString)).containsExactly(host("www"), host("api"));
        assertThat(c.get("issuer").asString()).isEqualTo("Keyhold Tests");
        assertThat(c.get("signature").asString()).isEqualTo("SHA256WithRSA");
        assertThat(c.get("status").asString()).isEqualTo("active");
        assertThat(c.get("bundle_method").asString()).isEqualTo("ubiquitous");
        assertThat(c.has("type")).as("type is not part of the published object").isFalse();
        assertThat(c.get("priority").asInt()).isEqualTo(20);
        assertThat(Instant.parse(c.get("expires_on").asString())).isEqualTo(TestCa.NOW.plus(TestCa.days(90)));
        assertThat(c.has("geo_restrictions")).isFalse();
        assertThat(c.has("policy_restrictions")).isFalse();
        assertNoKeyMaterial(created.body(), null);

        String id = c.get("id").asString();
        V4Client.Response fetched = this.api.get(certificates() + "/" + id);
        CONTRACT.assertResponse("GET", certificates() + "/" + id, 200, fetched.body());
        assertThat(fetched.result()).isEqualTo(c);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "RSA 2048 PKCS#8, genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048, SHA256WithRSA",
        "RSA 3072 PKCS#1, genrsa -traditional 3072, SHA256WithRSA",
        "P-256 SEC 1, ecparam -name prime256v1 -genkey, SHA256WithRSA",
        "P-384 PKCS#8, genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384, SHA256WithRSA"
    })
    void uploadsACertificateWithAnOpensslPrivateKeyAndNeverReturnsTheKey(String label, String command, String sig)
            throws Exception {
        String key = opensslKey(command.split(" "));
        String leaf = TestCa.pem(CA.leaf(opensslPublicKey(key), host("www")).certificate());
        long keysBefore = count("sealed_keys");

        V4Client.Response created = upload(withKey(leaf + CA.intermediate().pem(), key));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        CONTRACT.assertResponse("POST", certificates(), 200, created.body());
        assertThat(created.result().has("custom_csr_id")).isFalse();
        assertThat(created.result().get("signature").asString()).isEqualTo(sig);
        assertThat(count("sealed_keys"))
                .as("the key is sealed like a generated one")
                .isEqualTo(keysBefore + 1);
        String id = created.result().get("id").asString();
        for (V4Client.Response r :
                List.of(created, this.api.get(certificates()), this.api.get(certificates() + "/" + id))) {
            assertNoKeyMaterial(r.body(), key);
        }

        assertThat(this.api.delete(certificates() + "/" + id).status()).isEqualTo(200);
        assertThat(count("sealed_keys"))
                .as("the uploaded key goes with its certificate")
                .isEqualTo(keysBefore);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neverWritesAnUploadedKeyToAResponseOrALogLine(CapturedOutput output) throws Exception {
        String key = opensslKey("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        String leaf = TestCa.pem(CA.leaf(opensslPublicKey(key), host("www")).certificate());
        List<V4Client.Response> responses = new ArrayList<>();

        responses.add(upload(withKey("garbage", key)));
        responses.add(upload(withKey(leaf + CA.intermediate().pem(), key)));
        responses.add(upload(withKey(leaf + CA.intermediate().pem(), key)));
        String id = responses.get(1).result().get("id").asString();
        responses.add(this.api.send("PATCH", certificates() + "/" + id, withKey("garbage", key)));
        responses.add(this.api.send("PATCH", certificates() + "/" + id, Map.of("private_key", key)));
        responses.add(this.api.get(certificates()));

        assertThat(responses).extracting(V4Client.Response::status).containsExactly(400, 200, 400, 400, 200, 200);
        for (V4Client.Response r : responses) {
            assertNoKeyMaterial(r.body(), key);
        }
        String body = key.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        for (int i = 0; i + 16 <= body.length(); i += 16) {
            assertThat(output.getAll()).doesNotContain(body.substring(i, i + 16));
        }
        assertThat(output.getAll()).doesNotContain(PRIVATE_KEY_MARKER + "-----");
    }

    @Test
    void refusesANewPrivateKeyAloneThatDoesNotMatchTheStoredLeaf() {
        KeyPair keys = TestCa.ec("secp256r1");
        String id = upload(withKey(
                        TestCa.pem(
                                CA.leaf(keys.getPublic(), host("www")).certificate(),
                                CA.intermediate().certificate()),
                        pkcs8(keys)))
                .result()
                .get("id")
                .asString();
        long keysBefore = count("sealed_keys");

        V4Client.Response r =
                this.api.send("PATCH", certificates() + "/" + id, Map.of("private_key", pkcs8(TestCa.ec("secp256r1"))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo(2200);
        assertThat(count("sealed_keys")).isEqualTo(keysBefore);
    }

    @Test
    void refusesAnEncryptedPrivateKeyWithoutQuotingItAndKeepsNothing() throws Exception {
        String key = opensslKey(
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-aes-128-cbc",
                "-pass",
                "pass:secret");
        String leaf = TestCa.pem(
                CA.leaf(TestCa.ec("secp256r1").getPublic(), host("www")).certificate());
        long keysBefore = count("sealed_keys");

        V4Client.Response refused = upload(withKey(leaf, key));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(2106);
        assertThat(refused.errorMessage()).contains("encrypted");
        assertNoKeyMaterial(refused.body(), key);
        assertThat(count("sealed_keys")).isEqualTo(keysBefore);
        assertThat(certificatesInZone()).isZero();
    }

    @Test
    void refusesAnUploadWithNeitherKeyNorCsrAndWithBoth() {
        JsonNode csr = zoneCsr(host("www"));
        String leaf = signed(csr);

        V4Client.Response neither = upload(Map.of("certificate", leaf));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.errorCode()).isEqualTo(2106);
        assertThat(neither.errorMessage()).contains("private_key", "custom_csr_id");

        Map<String, Object> both = byCsr(leaf, csr.get("id").asString());
        both.put("private_key", pkcs8(TestCa.ec("secp256r1")));
        V4Client.Response refused = upload(both);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(2001);
        assertThat(refused.errorMessage()).contains("not both");
        assertNoKeyMaterial(refused.body(), null);
        assertThat(certificatesInZone()).isZero();
    }

    @Test
    void turnsExpiredWhenTheClockPassesExpiryWithoutAnyEdit() {
        JsonNode csr = zoneCsr(host("www"));
        String id = upload(byCsr(signed(csr), csr.get("id").asString()))
                .result()
                .get("id")
                .asString();

        later(Duration.ofDays(91), () -> {
            V4Client.Response fetched = this.api.get(certificates() + "/" + id);
            assertThat(fetched.result().get("status").asString()).isEqualTo("expired");
            CONTRACT.assertResponse("GET", certificates() + "/" + id, 200, fetched.body());
            assertThat(ids(this.api.get(certificates() + "?status=expired"))).containsExactly(id);
            assertThat(ids(this.api.get(certificates() + "?status=active"))).isEmpty();
        });

        assertThat(this.api
                        .get(certificates() + "/" + id)
                        .result()
                        .get("status")
                        .asString())
                .isEqualTo("active");
    }

    @Test
    void pagesAndFiltersTheListAndAnswersEmptyPastTheEnd() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            JsonNode csr = zoneCsr(host("h" + i));
            ids.add(upload(byCsr(signed(csr), csr.get("id").asString()))
                    .result()
                    .get("id")
                    .asString());
        }
        V4Client.Response first = this.api.get(certificates() + "?per_page=5");
        CONTRACT.assertResponse("GET", certificates(), 200, first.body());
        JsonNode info = first.json().get("result_info");
        assertThat(info.get("count").asInt()).isEqualTo(5);
        assertThat(info.get("total_count").asInt()).isEqualTo(7);
        assertThat(info.get("total_pages").asInt()).isEqualTo(2);
        List<String> seen = new ArrayList<>(ids(first));
        seen.addAll(ids(this.api.get(certificates() + "?per_page=5&page=2")));
        assertThat(seen).containsExactlyElementsOf(ids);
        V4Client.Response past = this.api.get(certificates() + "?per_page=5&page=3");
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.result()).isEmpty();

        assertThat(ids(this.api.get(certificates() + "?status=active&match=any")))
                .hasSize(7);
        for (String status : List.of("deleted", "pending", "initializing", "expired")) {
            assertThat(ids(this.api.get(certificates() + "?status=" + status + "&match=all")))
                    .as(status)
                    .isEmpty();
        }
        for (String query : List.of("status=revoked", "match=some", "per_page=4", "per_page=51", "page=0")) {
            V4Client.Response r = this.api.get(certificates() + "?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.errorCode()).as(query).isEqualTo(1004);
        }
    }

    @Test
    void deletesACertificateAndThenItsCsrCanGo() {
        JsonNode csr = zoneCsr(host("www"));
        String csrId = csr.get("id").asString();
        String id = upload(byCsr(signed(csr), csrId)).result().get("id").asString();

        V4Client.Response inUse = this.api.delete("/zones/" + this.zoneId + "/custom_csrs/" + csrId);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.errorCode()).isEqualTo(1420);
        assertThat(inUse.header("x-should-retry")).isEqualTo("false");
        assertThat(inUse.errorMessage()).contains(id);

        V4Client.Response deleted = this.api.delete(certificates() + "/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        CONTRACT.assertResponse("DELETE", certificates() + "/" + id, 200, deleted.body());
        assertThat(deleted.result().get("id").asString()).isEqualTo(id);

        V4Client.Response gone = this.api.get(certificates() + "/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo(1002);
        assertThat(this.api.delete(certificates() + "/" + id).status()).isEqualTo(404);
        V4Client.Response again = upload(byCsr(signed(csr), csrId));
        assertThat(again.status())
                .as("the CSR's key outlives its certificates: " + again.body())
                .isEqualTo(200);
        assertThat(this.api
                        .delete(certificates() + "/" + again.result().get("id").asString())
                        .status())
                .isEqualTo(200);
        assertThat(this.api
                        .delete("/zones/" + this.zoneId + "/custom_csrs/" + csrId)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesMalformedAndUnknownIds() {
        V4Client.Response malformed = this.api.get(certificates() + "/not-an-id");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo(1002);
        V4Client.Response unknown = this.api.get(certificates() + "/2458ce5a-0c35-4c7f-82c7-8e9487d3ff60");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(1002);
        V4Client.Response badCsrId = upload(byCsr(CA.intermediate().pem(), "nope"));
        assertThat(badCsrId.status()).isEqualTo(400);
        assertThat(badCsrId.errorCode()).isEqualTo(1418);
        V4Client.Response badMethod = upload(Map.of("certificate", "x", "bundle_method", "best"));
        assertThat(badMethod.status()).isEqualTo(400);
        assertThat(badMethod.errorCode()).isEqualTo(2001);
        V4Client.Response badType = upload(Map.of("certificate", "x", "type", "modern"));
        assertThat(badType.errorCode()).isEqualTo(2001);
        V4Client.Response badLabel = upload(Map.of("certificate", "x", "geo_restrictions", Map.of("label", "mars")));
        assertThat(badLabel.errorCode()).isEqualTo(2001);
    }

    @Test
    void deletingTheZoneDeletesItsCertificatesAndTheirUploadedKeys() throws Exception {
        JsonNode csr = zoneCsr(host("www"));
        upload(byCsr(signed(csr), csr.get("id").asString()));
        String key = opensslKey("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        upload(withKey(
                TestCa.pem(CA.leaf(opensslPublicKey(key), host("api")).certificate())
                        + CA.intermediate().pem(),
                key));
        JsonNode accountCsr = csr("/accounts/" + this.accountId, host("shop"));
        upload(byCsr(signed(accountCsr), accountCsr.get("id").asString()));
        assertThat(certificatesInZone()).isEqualTo(3);
        long keysBefore = count("sealed_keys");

        assertThat(this.api.delete("/zones/" + this.zoneId).status()).isEqualTo(200);

        assertThat(certificatesInZone()).isZero();
        assertThat(count("sealed_keys"))
                .as("the zone CSR's key and the uploaded key; the account CSR's key stays")
                .isEqualTo(keysBefore - 2);
        String accountCsrPath = "/accounts/" + this.accountId + "/custom_csrs/"
                + accountCsr.get("id").asString();
        assertThat(this.api.get(accountCsrPath).status()).isEqualTo(200);
        assertThat(this.api.delete(accountCsrPath).status())
                .as("no certificate uses it any more")
                .isEqualTo(200);
    }

    static List<String> ids(V4Client.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.result().forEach(n -> ids.add(n.get("id").asString()));
        return ids;
    }
}
