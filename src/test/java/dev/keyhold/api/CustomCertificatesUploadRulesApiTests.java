package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Every upload rule, driven through HTTP with real certificates of the test PKI and the documented codes. */
class CustomCertificatesUploadRulesApiTests extends CertificateApiTest {

    private static final KeyPair KEYS = TestCa.rsa(2048);

    /** A refused upload: how to build the chain for {@link #KEYS}, and the code and HTTP status it must get. */
    enum Refusal {
        GARBAGE(1002),
        NO_LEAF(2101),
        SEVERAL_LEAVES(1444),
        KEY_MISMATCH(2200),
        UNTRUSTED(2100),
        SELF_SIGNED(2100),
        NOT_YET_VALID(1002),
        EXPIRED(1002),
        EXPIRING_WITHIN_14_DAYS(1206),
        NO_NAME_IN_ZONE(2103),
        SHA1_SIGNATURE(1447),
        // NOTE: a weak key never reaches the chain checks: the key manager refuses to hold it (2106)
        WEAK_KEY(2106);

        final int code;

        Refusal(int code) {
            this.code = code;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Refusal.class)
    void refusesEachBrokenRuleWithItsCodeAndKeepsNothing(Refusal refusal) {
        long keysBefore = count("sealed_keys");
        KeyPair keys = refusal == Refusal.WEAK_KEY ? TestCa.rsa(1024) : KEYS;

        V4Client.Response refused = upload(withKey(chain(refusal, keys), pkcs8(keys)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).as(refused.body()).isEqualTo(refusal.code);
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.result().isNull()).isTrue();
        CONTRACT.assertResponse("POST", certificates(), 400, refused.body());
        assertNoKeyMaterial(refused.body(), pkcs8(keys));
        assertThat(certificatesInZone()).isZero();
        assertThat(count("sealed_keys")).as("the imported key is rolled back").isEqualTo(keysBefore);
    }

    private String chain(Refusal refusal, KeyPair keys) {
        String www = host("www");
        X509Certificate intermediate = CA.intermediate().certificate();
        return switch (refusal) {
            case GARBAGE -> "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n";
            case NO_LEAF -> CA.intermediate().pem();
            case SEVERAL_LEAVES ->
                TestCa.pem(
                        CA.leaf(keys.getPublic(), www).certificate(),
                        CA.leaf(keys.getPublic(), host("api")).certificate(),
                        intermediate);
            case KEY_MISMATCH ->
                TestCa.pem(CA.leaf(TestCa.rsa(2048).getPublic(), www).certificate(), intermediate);
            case UNTRUSTED ->
                TestCa.pem(
                        TestCa.certificate(www, keys.getPublic())
                                .sans(www)
                                .certificateIssuedBy(CA.untrustedIntermediate()),
                        CA.untrustedIntermediate().certificate());
            case SELF_SIGNED ->
                TestCa.certificate(www, keys).sans(www).selfSigned().pem();
            case NOT_YET_VALID ->
                TestCa.pem(
                        CA.leaf(keys.getPublic(), www)
                                .validity(TestCa.NOW.plus(TestCa.days(1)), TestCa.NOW.plus(TestCa.days(90)))
                                .certificate(),
                        intermediate);
            case EXPIRED ->
                TestCa.pem(
                        CA.leaf(keys.getPublic(), www)
                                .validity(TestCa.NOW.minus(TestCa.days(90)), TestCa.NOW.minus(TestCa.days(1)))
                                .certificate(),
                        intermediate);
            case EXPIRING_WITHIN_14_DAYS ->
                TestCa.pem(
                        CA.leaf(keys.getPublic(), www)
                                .validity(TestCa.NOW.minus(TestCa.days(1)), TestCa.NOW.plus(TestCa.days(10)))
                                .certificate(),
                        intermediate);
            case NO_NAME_IN_ZONE ->
                TestCa.pem(CA.leaf(keys.getPublic(), "www.not-the-zone.dev").certificate(), intermediate);
            case SHA1_SIGNATURE ->
                TestCa.pem(
                        CA.leaf(keys.getPublic(), www)
                                .signatureAlgorithm("SHA1withRSA")
                                .certificate(),
                        intermediate);
            case WEAK_KEY -> TestCa.pem(CA.leaf(keys.getPublic(), www).certificate(), intermediate);
        };
    }

    @Test
    void refusesTheSameCertificateTwiceInAZoneWith1220() {
        JsonNode csr = zoneCsr(host("www"));
        String leaf = signed(csr);
        assertThat(upload(byCsr(leaf, csr.get("id").asString())).status()).isEqualTo(200);

        V4Client.Response again = upload(byCsr(leaf, csr.get("id").asString()));

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo(1220);
        assertThat(certificatesInZone()).isEqualTo(1);
    }

    @Test
    void acceptsAnUploadedRootButWarnsInMessagesThatItIsNotServed() {
        X509Certificate leaf = CA.leaf(KEYS.getPublic(), host("www")).certificate();
        V4Client.Response r = upload(withKey(
                TestCa.pem(leaf, CA.intermediate().certificate(), CA.root().certificate()), pkcs8(KEYS)));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        CONTRACT.assertResponse("POST", certificates(), 200, r.body());
        JsonNode message = r.json().get("messages").get(0);
        assertThat(message.get("code").asInt()).isEqualTo(1100);
        assertThat(message.get("message").asString()).contains("Keyhold Test Root");
        assertThat(servedChain(r.result().get("id").asString()))
                .isEqualTo(TestCa.pem(leaf, CA.intermediate().certificate()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ubiquitous", "optimal", "force"})
    void servesLeafAndIntermediateForEveryBundleMethodAndReportsIt(String method) {
        X509Certificate leaf =
                CA.leaf(KEYS.getPublic(), host(method.substring(0, 3))).certificate();
        Map<String, Object> body = withKey(TestCa.pem(CA.intermediate().certificate(), leaf), pkcs8(KEYS));
        body.put("bundle_method", method);

        V4Client.Response r = upload(body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.result().get("bundle_method").asString()).isEqualTo(method);
        assertThat(servedChain(r.result().get("id").asString()))
                .as("leaf first, the root never")
                .isEqualTo(TestCa.pem(leaf, CA.intermediate().certificate()));
    }

    @Test
    void acceptsTheChainInAnyOrder() {
        X509Certificate leaf = CA.leaf(KEYS.getPublic(), host("www")).certificate();
        V4Client.Response r = upload(withKey(TestCa.pem(CA.intermediate().certificate(), leaf), pkcs8(KEYS)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void servesAForcedChainAsGivenAndReportsTheBundleMethod() {
        X509Certificate leaf = CA.leaf(KEYS.getPublic(), host("www")).certificate();
        Map<String, Object> body = withKey(TestCa.pem(leaf, CA.intermediate().certificate()), pkcs8(KEYS));
        body.put("bundle_method", "force");

        V4Client.Response r = upload(body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.result().get("bundle_method").asString()).isEqualTo("force");
        assertThat(servedChain(r.result().get("id").asString()))
                .isEqualTo(TestCa.pem(leaf, CA.intermediate().certificate()));
    }

    @Test
    void completesALeafAloneWithAnIntermediateTheAccountAlreadyServes() {
        String account = this.api
                .post("/accounts", Map.of("name", "Intermediates " + System.nanoTime()))
                .result()
                .get("id")
                .asString();
        this.zoneId = this.api.createZone("known", account);
        this.zoneName =
                this.api.get("/zones/" + this.zoneId).result().get("name").asString();
        KeyPair other = TestCa.rsa(2048);
        X509Certificate alone = CA.leaf(other.getPublic(), host("alone")).certificate();

        V4Client.Response unknown = upload(withKey(TestCa.pem(alone), pkcs8(other)));
        assertThat(unknown.errorCode()).as("no one serves the intermediate yet").isEqualTo(2100);

        X509Certificate first = CA.leaf(KEYS.getPublic(), host("www")).certificate();
        assertThat(upload(withKey(TestCa.pem(first, CA.intermediate().certificate()), pkcs8(KEYS)))
                        .status())
                .isEqualTo(200);
        V4Client.Response known = upload(withKey(TestCa.pem(alone), pkcs8(other)));
        assertThat(known.status()).as(known.body()).isEqualTo(200);
        assertThat(servedChain(known.result().get("id").asString()))
                .isEqualTo(TestCa.pem(alone, CA.intermediate().certificate()));
    }

    @Test
    void keepsOtherTenantsCsrsOutOfReachAndLetsAnAccountCsrServeAnyZoneOfItsAccount() {
        String otherZone = this.api.createZone("otherzone", this.accountId);
        JsonNode otherZoneCsr = csr("/zones/" + otherZone, "www.elsewhere.dev");
        String otherAccount = this.api
                .post(
                        "/accounts",
                        Map.of(
                                "name",
                                "Other tenant " + System.nanoTime(),
                                "entitlements",
                                Map.of("custom_csrs", true, "account_custom_csrs", true)))
                .result()
                .get("id")
                .asString();
        JsonNode otherAccountCsr = csr("/accounts/" + otherAccount, "www.tenant.dev");

        for (JsonNode foreign : new JsonNode[] {otherZoneCsr, otherAccountCsr}) {
            String id = foreign.get("id").asString();
            V4Client.Response r = upload(byCsr(
                    TestCa.pem(CA.leafForCsr(foreign.get("csr").asString())
                            .sans(host("www"))
                            .certificate()),
                    id));
            assertThat(r.status()).as(r.body()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo(1419);
            assertThat(r.body()).doesNotContain(otherZone, otherAccount, "elsewhere", "tenant.dev");
        }

        JsonNode accountCsr = csr("/accounts/" + this.accountId, host("www"));
        V4Client.Response accepted =
                upload(byCsr(signed(accountCsr), accountCsr.get("id").asString()));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.result().get("custom_csr_id").asString())
                .isEqualTo(accountCsr.get("id").asString());
    }

    private String servedChain(String id) {
        return this.jdbc
                .sql("select served_chain_pem from custom_certificates where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
