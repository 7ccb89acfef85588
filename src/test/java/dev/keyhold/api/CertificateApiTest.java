package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.CertificateTestConfiguration;
import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.MutableClock;
import dev.keyhold.support.OpenApiContract;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Base of custom certificate API tests: a fresh zone whose name leaves can carry, the test PKI the application trusts
 * ({@link CertificateTestConfiguration#CA}), its movable clock, and helpers to make CSRs,
 * keys and upload bodies.
 */
@Import(CertificateTestConfiguration.class)
abstract class CertificateApiTest extends ZoneApiTest {

    static final TestCa CA = CertificateTestConfiguration.CA;

    static final OpenApiContract CONTRACT = OpenApiContract.cloudflare();

    /** Split so that no tracked file holds a PEM private key armour line. */
    static final String PRIVATE_KEY_MARKER = "PRIVATE" + " KEY";

    @Autowired
    MutableClock clock;

    String zoneName;

    @BeforeEach
    void readZoneName() {
        this.zoneName =
                this.api.get("/zones/" + this.zoneId).result().get("name").asString();
    }

    /**
     * Moves the clock forward for the action, then back by as much. NOTE: never {@code set(TestCa.NOW)} here: the clock
     * would run backwards past rows already written (accounts list by creation time, and the bootstrap account must
     * stay the first one listed).
     */
    void later(Duration amount, Runnable action) {
        this.clock.advance(amount);
        try {
            action.run();
        } finally {
            this.clock.advance(amount.negated());
        }
    }

    String host(String label) {
        return label + "." + this.zoneName;
    }

    String certificates() {
        return "/zones/" + this.zoneId + "/custom_certificates";
    }

    /** Creates a custom CSR at the scope ({@code /zones/<id>} or {@code /accounts/<id>}); returns its result. */
    JsonNode csr(String scope, String... sans) {
        V4Client.Response r = this.api.post(scope + "/custom_csrs", CsrRequests.body("p256v1", sans));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.result();
    }

    JsonNode zoneCsr(String... sans) {
        return csr("/zones/" + this.zoneId, sans);
    }

    V4Client.Response upload(Map<String, Object> body) {
        return this.api.post(certificates(), body);
    }

    static Map<String, Object> byCsr(String certificatePem, String csrId) {
        Map<String, Object> body = new HashMap<>();
        body.put("certificate", certificatePem);
        body.put("custom_csr_id", csrId);
        return body;
    }

    static Map<String, Object> withKey(String certificatePem, String privateKeyPem) {
        Map<String, Object> body = new HashMap<>();
        body.put("certificate", certificatePem);
        body.put("private_key", privateKeyPem);
        return body;
    }

    /** A leaf for the CSR, issued by the trusted intermediate, PEM with the intermediate after it. */
    static String signed(JsonNode csr) {
        return TestCa.pem(
                CA.leafForCsr(csr.get("csr").asString()).certificate(),
                CA.intermediate().certificate());
    }

    /** The private key as unencrypted PKCS#8 PEM, built at run time. */
    static String pkcs8(KeyPair keys) {
        return "-----BEGIN " + PRIVATE_KEY_MARKER + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END " + PRIVATE_KEY_MARKER + "-----\n";
    }

    /** A private key made by openssl ({@code genpkey ...} arguments), PEM. */
    static String opensslKey(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        process.getErrorStream().readAllBytes();
        assertThat(process.waitFor()).as("openssl %s", command).isZero();
        return out;
    }

    /** The public key of a PEM private key, as openssl derives it. */
    static PublicKey opensslPublicKey(String privatePem) throws Exception {
        Process process = new ProcessBuilder("openssl", "pkey", "-pubout", "-outform", "DER").start();
        try (var in = process.getOutputStream()) {
            in.write(privatePem.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] der = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        }
    }

    /** Fails when the text holds any PEM block, a private key's armour, or a run of the key's base64. */
    static void assertNoKeyMaterial(String text, String privatePem) {
        // NOTE: a PEM block inside a JSON string shows as an armour line followed by an escaped newline
        assertThat(text).doesNotContain(PRIVATE_KEY_MARKER).doesNotContain("-----\\n");
        if (privatePem != null) {
            String body = privatePem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            for (int i = 0; i + 16 <= body.length(); i += 16) {
                assertThat(text).doesNotContain(body.substring(i, i + 16));
            }
        }
    }

    long certificatesInZone() {
        return this.jdbc
                .sql("select count(*) from custom_certificates where zone_id = :z")
                .param("z", this.zoneId)
                .query(Long.class)
                .single();
    }
}
