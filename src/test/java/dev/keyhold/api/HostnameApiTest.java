package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CertificateTestConfiguration;
import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Import;

/**
 * Base of custom hostname API tests: a fresh zone, the test PKI the application trusts, and helpers that make unique
 * hostnames, CSRs and certificates for them. Hostnames are unique across the whole database, so every test names its
 * own under a per-instance base name.
 */
@Import(CertificateTestConfiguration.class)
abstract class HostnameApiTest extends ZoneApiTest {

    static final TestCa CA = CertificateTestConfiguration.CA;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A base domain no other test uses, such as {@code t17-123456.customers.dev}. */
    final String base = "t" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + ".customers.dev";

    String hostnames() {
        return "/zones/" + this.zoneId + "/custom_hostnames";
    }

    String hostname(String id) {
        return hostnames() + "/" + id;
    }

    /** A zone CSR for these names; returns its id and PEM. */
    Csr csr(String scope, String... sans) {
        V4Client.Response r = this.api.post(scope + "/custom_csrs", CsrRequests.body("p256v1", sans));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Csr(r.result().get("id").asString(), r.result().get("csr").asString());
    }

    Csr zoneCsr(String... sans) {
        return csr("/zones/" + this.zoneId, sans);
    }

    /** The leaf the test CA issues for the CSR, followed by the intermediate (the root is the only anchor). */
    static String chainFor(Csr csr) {
        return TestCa.pem(
                CA.leafForCsr(csr.pem()).certificate(), CA.intermediate().certificate());
    }

    static String chain(X509Certificate leaf) {
        return TestCa.pem(leaf, CA.intermediate().certificate());
    }

    static Map<String, Object> body(String hostname, Map<String, Object> ssl) {
        Map<String, Object> body = new HashMap<>();
        body.put("hostname", hostname);
        if (ssl != null) {
            body.put("ssl", ssl);
        }
        return body;
    }

    static Map<String, Object> csrSsl(String csrId, String certificate) {
        Map<String, Object> ssl = new HashMap<>();
        ssl.put("method", "http");
        ssl.put("type", "dv");
        ssl.put("custom_csr_id", csrId);
        ssl.put("custom_certificate", certificate);
        return ssl;
    }

    V4Client.Response createWithCsr(String hostname, Csr csr, String certificate) {
        return this.api.post(hostnames(), body(hostname, csrSsl(csr.id(), certificate)));
    }

    V4Client.Response patch(String id, Object body) {
        return this.api.send("PATCH", hostname(id), body);
    }

    /** The key as unencrypted PKCS#8 PEM, assembled at run time: no file holds private key text. */
    static String pkcs8Pem(KeyPair keys) {
        String armour = "PRIVATE" + " KEY-----";
        return "-----BEGIN " + armour + "\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END " + armour + "\n";
    }

    long countWhere(String sql, String param) {
        return this.jdbc.sql(sql).param("p", param).query(Long.class).single();
    }

    record Csr(String id, String pem) {}
}
