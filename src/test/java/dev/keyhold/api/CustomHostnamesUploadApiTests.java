package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every upload check through the API, each with the custom hostname API's code, and the CSR's scope. */
class CustomHostnamesUploadApiTests extends HostnameApiTest {

    String host;

    Csr csr;

    PublicKey csrKey;

    @BeforeEach
    void csrForTheHost() {
        this.host = "app." + this.base;
        this.csr = zoneCsr(this.host, "*." + this.base);
        this.csrKey = CA.leafForCsr(this.csr.pem()).certificate().getPublicKey();
    }

    @Test
    void refusesEmptyAndGarbageCertificates() {
        assertRefused("", 1427);
        assertRefused("   \n", 1427);
        assertRefused("not a certificate", 1426);
        assertRefused("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", 1426);
    }

    @Test
    void refusesChainsWithoutOrWithSeveralLeaves() {
        assertRefused(TestCa.pem(CA.intermediate().certificate()), 1445);
        X509Certificate leaf = CA.leafForCsr(this.csr.pem()).certificate();
        X509Certificate other =
                CA.leaf(TestCa.ec("secp256r1").getPublic(), this.host).certificate();
        assertRefused(TestCa.pem(leaf, other, CA.intermediate().certificate()), 1444);
    }

    @Test
    void refusesACertificateForAnotherKey() {
        assertRefused(
                chain(CA.leaf(TestCa.ec("secp256r1").getPublic(), this.host).certificate()), 1429);
    }

    @Test
    void refusesAnUntrustedChain() {
        X509Certificate leaf = TestCa.certificate(this.host, this.csrKey)
                .sans(this.host)
                .validity(TestCa.NOW.minus(TestCa.days(1)), TestCa.NOW.plus(TestCa.days(90)))
                .certificateIssuedBy(CA.untrustedIntermediate());
        assertRefused(TestCa.pem(leaf, CA.untrustedIntermediate().certificate()), 1441);
    }

    @Test
    void refusesExpiredNotYetValidAndSoonExpiringCertificates() {
        assertRefused(
                chain(CA.leafForCsr(this.csr.pem())
                        .validity(TestCa.NOW.minus(TestCa.days(100)), TestCa.NOW.minus(TestCa.days(1)))
                        .certificate()),
                1434);
        assertRefused(
                chain(CA.leafForCsr(this.csr.pem())
                        .validity(TestCa.NOW.plus(TestCa.days(1)), TestCa.NOW.plus(TestCa.days(90)))
                        .certificate()),
                1434);
        assertRefused(
                chain(CA.leafForCsr(this.csr.pem())
                        .validity(TestCa.NOW.minus(TestCa.days(1)), TestCa.NOW.plus(TestCa.days(13)))
                        .certificate()),
                1206);
    }

    @Test
    void refusesAWeakSignature() {
        assertRefused(
                chain(CA.leafForCsr(this.csr.pem())
                        .signatureAlgorithm("SHA1withRSA")
                        .certificate()),
                1447);
    }

    @Test
    void aWildcardCoversExactlyOneLabel() {
        String wildcardOnly = chain(CA.leaf(this.csrKey, "*." + this.base).certificate());
        V4Client.Response covered = createWithCsr("a." + this.base, this.csr, wildcardOnly);
        assertThat(covered.status()).as(covered.body()).isEqualTo(201);
        assertThat(covered.result().get("ssl").get("status").asString()).isEqualTo("active");

        assertThat(codeFor("a.b." + this.base, wildcardOnly)).isEqualTo(1446);
        assertThat(codeFor(this.base, wildcardOnly)).isEqualTo(1446);
        assertThat(codeFor("other." + this.host, chainFor(this.csr))).isEqualTo(1446);
    }

    @Test
    void sslWildcardNeedsACertificateForTheWildcardToo() {
        Map<String, Object> ssl =
                csrSsl(this.csr.id(), chain(CA.leaf(this.csrKey, this.host).certificate()));
        ssl.put("wildcard", true);
        V4Client.Response r = this.api.post(hostnames(), body(this.host, ssl));
        assertThat(r.errorCode()).as(r.body()).isEqualTo(1446);

        ssl.put(
                "custom_certificate",
                chain(CA.leaf(this.csrKey, this.host, "*." + this.host).certificate()));
        V4Client.Response ok = this.api.post(hostnames(), body(this.host, ssl));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.result().get("ssl").get("wildcard").asBoolean()).isTrue();
    }

    @Test
    void refusesMalformedAndUnknownCsrIds() {
        V4Client.Response malformed = createWithCsr(this.host, new Csr("nope", ""), chainFor(this.csr));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo(1430);
        V4Client.Response unknown =
                createWithCsr(this.host, new Csr("7b163417-1d2b-4c84-a38a-2fb7a0cd7752", ""), chainFor(this.csr));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(1431);
    }

    @Test
    void aZoneCsrOfAnotherZoneIsNotFoundAndLeavesNothingOfItInTheBody() {
        String otherZone = this.api.createZone("csrscope", this.accountId);
        Csr foreign = csr("/zones/" + otherZone, this.host);
        V4Client.Response r = createWithCsr(this.host, foreign, chainFor(foreign));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo(1431);
        assertThat(r.body()).doesNotContain(otherZone, foreign.id());
    }

    @Test
    void aCsrOfAnotherAccountIsNotFound() {
        String otherAccount = this.api
                .post(
                        "/accounts",
                        Map.of(
                                "name",
                                "Other tenant",
                                "entitlements",
                                Map.of("custom_csrs", true, "account_custom_csrs", true)))
                .result()
                .get("id")
                .asString();
        Csr foreign = csr("/accounts/" + otherAccount, this.host);
        V4Client.Response r = createWithCsr(this.host, foreign, chainFor(foreign));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo(1431);
        assertThat(r.body()).doesNotContain(otherAccount, foreign.id(), "Other tenant");
        assertThat(count("custom_hostnames where hostname = '" + this.host + "'"))
                .isZero();
    }

    @Test
    void anAccountCsrWorksInAnyZoneOfItsAccount() {
        Csr accountCsr = csr("/accounts/" + this.accountId, "*." + this.base);
        String otherZone = this.api.createZone("acctcsr", this.accountId);
        String certificate = chainFor(accountCsr);
        V4Client.Response here = createWithCsr("x." + this.base, accountCsr, certificate);
        V4Client.Response there = this.api.post(
                "/zones/" + otherZone + "/custom_hostnames",
                body("y." + this.base, csrSsl(accountCsr.id(), certificate)));
        assertThat(here.status()).as(here.body()).isEqualTo(201);
        assertThat(there.status()).as(there.body()).isEqualTo(201);
        assertThat(there.result().get("ssl").get("custom_csr_id").asString()).isEqualTo(accountCsr.id());

        V4Client.Response inUse = this.api.delete("/accounts/" + this.accountId + "/custom_csrs/" + accountCsr.id());
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.errorCode()).isEqualTo(1420);
        assertThat(inUse.errorMessage())
                .contains(
                        here.result().get("id").asString(),
                        there.result().get("id").asString());
    }

    @Test
    void aCsrInUseCannotBeDeletedUntilItsHostnameIsGone() {
        V4Client.Response created = createWithCsr(this.host, this.csr, chainFor(this.csr));
        String id = created.result().get("id").asString();
        String csrPath = "/zones/" + this.zoneId + "/custom_csrs/" + this.csr.id();

        V4Client.Response refused = this.api.delete(csrPath);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(1420);
        assertThat(refused.header("x-should-retry")).isEqualTo("false");
        assertThat(refused.errorMessage()).contains(id);

        assertThat(this.api.delete(hostname(id)).status()).isEqualTo(200);
        V4Client.Response deleted = this.api.delete(csrPath);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    }

    @Test
    void theDatabaseItselfRefusesToDeleteACsrAHostnameUses() {
        createWithCsr(this.host, this.csr, chainFor(this.csr));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.jdbc
                        .sql("delete from custom_csrs where id = :id")
                        .param("id", this.csr.id())
                        .update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    @Test
    void zoneDeletionRemovesItsHostnamesAndTheirKeys() {
        String zone = this.api.createZone("zonegone", this.accountId);
        Csr zoneCsr = csr("/zones/" + zone, this.host);
        KeyPair keys = TestCa.ec("secp256r1");
        Map<String, Object> withKey = new HashMap<>(Map.of(
                "custom_certificate",
                chain(CA.leaf(keys.getPublic(), "k." + this.base).certificate()),
                "custom_key",
                pkcs8Pem(keys)));
        assertThat(this.api
                        .post(
                                "/zones/" + zone + "/custom_hostnames",
                                body(this.host, csrSsl(zoneCsr.id(), chainFor(zoneCsr))))
                        .status())
                .isEqualTo(201);
        assertThat(this.api
                        .post("/zones/" + zone + "/custom_hostnames", body("k." + this.base, withKey))
                        .status())
                .isEqualTo(201);
        long keysBefore = count("sealed_keys");

        V4Client.Response deleted = this.api.delete("/zones/" + zone);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(count("custom_hostnames where zone_id = '" + zone + "'")).isZero();
        assertThat(count("sealed_keys"))
                .as("the CSR's key and the uploaded key")
                .isEqualTo(keysBefore - 2);
    }

    private void assertRefused(String certificate, int code) {
        assertThat(codeFor(this.host, certificate)).isEqualTo(code);
    }

    private int codeFor(String hostname, String certificate) {
        V4Client.Response r = createWithCsr(hostname, this.csr, certificate);
        assertThat(r.status()).as(r.body()).isEqualTo(r.errorCode() == 1431 ? 404 : 400);
        assertThat(r.json().get("result").isNull()).isTrue();
        assertThat(count("custom_hostnames where hostname = '" + hostname + "'"))
                .as("nothing half-written")
                .isZero();
        return r.errorCode();
    }
}
