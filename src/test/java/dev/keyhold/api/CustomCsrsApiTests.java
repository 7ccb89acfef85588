package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.OpenApiContract;
import dev.keyhold.support.Openssl;
import dev.keyhold.support.OpensslReport;
import dev.keyhold.support.V4Client;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class CustomCsrsApiTests extends ZoneApiTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.cloudflare();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rsa2048, rsaEncryption, 2048, sha256WithRSAEncryption",
        "p256v1, id-ecPublicKey, 256, ecdsa-with-SHA256"
    })
    void createsAZoneCsrThatOpensslVerifies(String keyType, String algorithm, int bits, String signature) {
        V4Client.Response created = this.api.post(
                "/zones/" + this.zoneId + "/custom_csrs",
                CsrRequests.body(keyType, "app.keyhold.dev", "www.keyhold.dev", "*.api.keyhold.dev"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        CONTRACT.assertResponse("POST", "/zones/" + this.zoneId + "/custom_csrs", 201, created.body());
        JsonNode csr = created.result();
        assertThat(csr.get("key_type").asString()).isEqualTo(keyType);
        assertThat(csr.has("account_tag"))
                .as("account_tag is an account-level field")
                .isFalse();
        assertThat(Instant.parse(csr.get("created_at").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        String pem = csr.get("csr").asString();
        assertThat(pem)
                .startsWith("-----BEGIN CERTIFICATE REQUEST-----\n")
                .endsWith("-----END CERTIFICATE REQUEST-----\n");

        OpensslReport report = Openssl.inspect(pem);
        assertThat(report.signatureVerified()).isTrue();
        assertThat(report.subjectEntries())
                .extracting(Map.Entry::getKey)
                .containsExactly("C", "ST", "L", "O", "OU", "CN");
        assertThat(report.subjectValue("CN")).contains("app.keyhold.dev");
        assertThat(report.subjectValue("OU")).contains("Edge");
        assertThat(report.dnsNames()).containsExactly("app.keyhold.dev", "www.keyhold.dev", "*.api.keyhold.dev");
        assertThat(report.publicKeyAlgorithm()).isEqualTo(algorithm);
        assertThat(report.keyBits()).isEqualTo(bits);
        assertThat(report.signatureAlgorithm()).isEqualTo(signature);
        if (keyType.equals("rsa2048")) {
            assertThat(report.rsaExponent()).isEqualTo(65537L);
        } else {
            assertThat(report.curve()).isEqualTo("prime256v1");
        }
    }

    @Test
    void defaultsToRsa2048AndOmitsTheOrganizationalUnitWhenNotGiven() {
        Map<String, Object> body = CsrRequests.body(null, "app.keyhold.dev");
        body.remove("organizational_unit");
        V4Client.Response created = this.api.post("/zones/" + this.zoneId + "/custom_csrs", body);
        assertThat(created.result().get("key_type").asString()).isEqualTo("rsa2048");
        OpensslReport report = Openssl.inspect(created.result().get("csr").asString());
        assertThat(report.subjectEntries()).extracting(Map.Entry::getKey).containsExactly("C", "ST", "L", "O", "CN");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            '#0c03616263' | text that BCStyle would read as hex DER
            '#zz' | text that is not even hex
            Zürich, \"Old Town\" + 1=2; <x> | characters RFC 4514 escapes
            """)
    void carriesSubjectValuesVerbatimWhateverCharactersTheyHold(String value, String why) throws IOException {
        Map<String, Object> body = CsrRequests.body("p256v1", "app.keyhold.dev");
        body.put("state", value);
        body.put("organizational_unit", value);
        V4Client.Response created = this.api.post("/zones/" + this.zoneId + "/custom_csrs", body);
        assertThat(created.status()).as(why + ": " + created.body()).isEqualTo(201);
        assertThat(created.result().get("state").asString()).isEqualTo(value);
        X500Name subject = new PKCS10CertificationRequest(Base64.getMimeDecoder()
                        .decode(created.result().get("csr").asString().replaceAll("-----[A-Z ]+-----", "")))
                .getSubject();
        for (ASN1ObjectIdentifier oid : List.of(BCStyle.ST, BCStyle.OU)) {
            ASN1Encodable attribute = subject.getRDNs(oid)[0].getFirst().getValue();
            assertThat(attribute).as(why).isInstanceOf(DERUTF8String.class);
            assertThat(attribute.toString()).as(why).isEqualTo(value);
        }
        assertThat(Openssl.inspect(created.result().get("csr").asString()).signatureVerified())
                .isTrue();
    }

    @Test
    void createsAnAccountCsrWithNameAndDescription() {
        Map<String, Object> body = CsrRequests.body("p256v1", "edge.keyhold.dev");
        body.put("name", "Edge CSR");
        body.put("description", "for the customer's CA");
        V4Client.Response created = this.api.post("/accounts/" + this.accountId + "/custom_csrs", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        CONTRACT.assertResponse("POST", "/accounts/" + this.accountId + "/custom_csrs", 201, created.body());
        assertThat(created.result().get("name").asString()).isEqualTo("Edge CSR");
        assertThat(created.result().get("description").asString()).isEqualTo("for the customer's CA");
        String id = created.result().get("id").asString();

        V4Client.Response fetched = this.api.get("/accounts/" + this.accountId + "/custom_csrs/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        CONTRACT.assertResponse("GET", "/accounts/" + this.accountId + "/custom_csrs/" + id, 200, fetched.body());
        assertThat(fetched.result()).isEqualTo(created.result());
    }

    @Test
    void getsAndDeletesACsrAndItsKey() {
        String id = this.api
                .post("/zones/" + this.zoneId + "/custom_csrs", CsrRequests.body("p256v1", "app.keyhold.dev"))
                .result()
                .get("id")
                .asString();
        String keyId = this.jdbc
                .sql("select key_id from custom_csrs where id = :id")
                .param("id", id)
                .query(String.class)
                .single();

        V4Client.Response fetched = this.api.get("/zones/" + this.zoneId + "/custom_csrs/" + id);
        assertThat(fetched.result().get("id").asString()).isEqualTo(id);
        CONTRACT.assertResponse("GET", "/zones/" + this.zoneId + "/custom_csrs/" + id, 200, fetched.body());

        V4Client.Response deleted = this.api.delete("/zones/" + this.zoneId + "/custom_csrs/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        CONTRACT.assertResponse("DELETE", "/zones/" + this.zoneId + "/custom_csrs/" + id, 200, deleted.body());
        assertThat(deleted.result().get("id").asString()).isEqualTo(id);
        assertThat(this.jdbc
                        .sql("select count(*) from sealed_keys where id = :id")
                        .param("id", keyId)
                        .query(Long.class)
                        .single())
                .isZero();

        V4Client.Response gone = this.api.get("/zones/" + this.zoneId + "/custom_csrs/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo(1419);
        assertThat(this.api
                        .delete("/zones/" + this.zoneId + "/custom_csrs/" + id)
                        .errorCode())
                .isEqualTo(1419);
    }

    @Test
    void pagesZoneListsTwentyAtATimeAndAnswersEmptyPastTheEnd() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ids.add(this.api
                    .post(
                            "/zones/" + this.zoneId + "/custom_csrs",
                            CsrRequests.body("p256v1", "h" + i + ".keyhold.dev"))
                    .result()
                    .get("id")
                    .asString());
        }
        V4Client.Response first = this.api.get("/zones/" + this.zoneId + "/custom_csrs");
        CONTRACT.assertResponse("GET", "/zones/" + this.zoneId + "/custom_csrs", 200, first.body());
        JsonNode info = first.json().get("result_info");
        assertThat(first.result()).hasSize(20);
        assertThat(info.get("page").asInt()).isEqualTo(1);
        assertThat(info.get("per_page").asInt()).isEqualTo(20);
        assertThat(info.get("count").asInt()).isEqualTo(20);
        assertThat(info.get("total_count").asInt()).isEqualTo(23);
        assertThat(info.get("total_pages").asInt()).isEqualTo(2);

        V4Client.Response second = this.api.get("/zones/" + this.zoneId + "/custom_csrs?page=2");
        List<String> seen = new ArrayList<>();
        first.result().forEach(n -> seen.add(n.get("id").asString()));
        second.result().forEach(n -> seen.add(n.get("id").asString()));
        assertThat(seen).containsExactlyElementsOf(ids);

        V4Client.Response past = this.api.get("/zones/" + this.zoneId + "/custom_csrs?page=3");
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.result()).isEmpty();
        assertThat(past.json().get("result_info").get("total_count").asInt()).isEqualTo(23);
    }

    @Test
    void ordersAccountListsByNameInEitherDirectionWithFiftyAPageByDefault() {
        String account = this.api
                .post("/accounts", Map.of("name", "Ordering", "entitlements", Map.of("account_custom_csrs", true)))
                .result()
                .get("id")
                .asString();
        for (String name : List.of("bravo", "alpha", "charlie")) {
            Map<String, Object> body = CsrRequests.body("p256v1", name + ".keyhold.dev");
            body.put("name", name);
            this.api.post("/accounts/" + account + "/custom_csrs", body);
        }
        V4Client.Response asc = this.api.get("/accounts/" + account + "/custom_csrs?order=name&direction=asc");
        V4Client.Response desc = this.api.get("/accounts/" + account + "/custom_csrs?order=name&direction=desc");
        V4Client.Response created = this.api.get("/accounts/" + account + "/custom_csrs");
        assertThat(names(asc)).containsExactly("alpha", "bravo", "charlie");
        assertThat(names(desc)).containsExactly("charlie", "bravo", "alpha");
        assertThat(names(created)).containsExactly("bravo", "alpha", "charlie");
        assertThat(asc.json().get("result_info").get("per_page").asInt()).isEqualTo(50);
        assertThat(this.api
                        .get("/accounts/" + account + "/custom_csrs?order=size")
                        .errorCode())
                .isEqualTo(1004);
    }

    @Test
    void refusesPageSizesOutsideFiveToFifty() {
        for (String query : List.of("per_page=4", "per_page=51", "page=0", "per_page=ten")) {
            V4Client.Response r = this.api.get("/zones/" + this.zoneId + "/custom_csrs?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo(1004);
        }
    }

    @Test
    void keepsEachCsrInsideItsScope() {
        String otherZone = this.api.createZone("other", this.accountId);
        String zoneCsr = this.api
                .post("/zones/" + this.zoneId + "/custom_csrs", CsrRequests.body("p256v1", "a.keyhold.dev"))
                .result()
                .get("id")
                .asString();
        String accountCsr = this.api
                .post("/accounts/" + this.accountId + "/custom_csrs", CsrRequests.body("p256v1", "b.keyhold.dev"))
                .result()
                .get("id")
                .asString();

        assertThat(this.api
                        .get("/zones/" + otherZone + "/custom_csrs/" + zoneCsr)
                        .errorCode())
                .isEqualTo(1419);
        assertThat(this.api
                        .get("/accounts/" + this.accountId + "/custom_csrs/" + zoneCsr)
                        .errorCode())
                .isEqualTo(1419);
        assertThat(this.api
                        .get("/zones/" + this.zoneId + "/custom_csrs/" + accountCsr)
                        .errorCode())
                .isEqualTo(1419);
        assertThat(this.api
                        .delete("/zones/" + otherZone + "/custom_csrs/" + zoneCsr)
                        .errorCode())
                .isEqualTo(1419);
        assertThat(this.api
                        .get("/zones/" + this.zoneId + "/custom_csrs/" + zoneCsr)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesMalformedIdsWithTheDocumentedCodes() {
        assertThat(this.api
                        .get("/zones/" + this.zoneId + "/custom_csrs/not-a-uuid")
                        .errorCode())
                .isEqualTo(1418);
        assertThat(this.api
                        .get("/zones/" + this.zoneId + "/custom_csrs/7b163417-1d2b-4c84-a38a-2fb7a0cd7752")
                        .errorCode())
                .isEqualTo(1419);
        V4Client.Response badZone = this.api.get("/zones/nothex/custom_csrs");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.errorCode()).isEqualTo(7003);
        V4Client.Response missingZone = this.api.get("/zones/0123456789abcdef0123456789abcdef/custom_csrs");
        assertThat(missingZone.status()).isEqualTo(404);
        assertThat(missingZone.errorCode()).isEqualTo(7003);
    }

    @Test
    void deletingAZoneDeletesItsCsrsAndTheirKeys() {
        this.api.post("/zones/" + this.zoneId + "/custom_csrs", CsrRequests.body("p256v1", "a.keyhold.dev"));
        this.api.post("/zones/" + this.zoneId + "/custom_csrs", CsrRequests.body("p256v1", "b.keyhold.dev"));
        long keysBefore = this.jdbc
                .sql("select count(*) from sealed_keys")
                .query(Long.class)
                .single();

        assertThat(this.api.delete("/zones/" + this.zoneId).status()).isEqualTo(200);

        assertThat(this.jdbc
                        .sql("select count(*) from custom_csrs where zone_id = :z")
                        .param("z", this.zoneId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(this.jdbc
                        .sql("select count(*) from sealed_keys")
                        .query(Long.class)
                        .single())
                .isEqualTo(keysBefore - 2);
    }

    private static List<String> names(V4Client.Response r) {
        List<String> names = new ArrayList<>();
        r.result().forEach(n -> names.add(n.has("name") ? n.get("name").asString() : null));
        return names;
    }
}
