package dev.keyhold.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.support.Openssl;
import dev.keyhold.support.OpensslReport;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where the PKCS#11 backend keeps a key and when it destroys it, seen on the token itself. */
class Pkcs11CustodyTests {

    private Pkcs11Backend backend;

    private Pkcs11KeyManager keys;

    @BeforeEach
    void start() {
        this.backend = new Pkcs11Backend();
        this.keys = this.backend.start();
    }

    @AfterEach
    void stop() {
        this.backend.close();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void generatesEachKeyOnTheTokenAsASensitiveNonExtractableObject(KeyType type) {
        ManagedKey key = this.keys.create(type);

        PrivateKey onToken = this.backend.onToken(key.id()).orElseThrow();
        assertThat(onToken.getEncoded()).as("the token refuses to export it").isNull();
        assertThat(onToken.toString()).contains("token object, sensitive, unextractable");
        assertThat(onToken.getAlgorithm()).isEqualTo(type.algorithm());
    }

    @Test
    void importsAnUploadedKeyAsASensitiveNonExtractableTokenObject() throws Exception {
        String pem = openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384");

        ManagedKey key = this.keys.importKey(pem);

        PrivateKey onToken = this.backend.onToken(key.id()).orElseThrow();
        assertThat(onToken.getEncoded()).isNull();
        assertThat(onToken.toString()).contains("token object, sensitive, unextractable");
        assertThat(key.type()).isEqualTo(KeyType.P384);
    }

    @Test
    void theDatabaseRowKeepsThePublicKeyAndNoSecret() {
        ManagedKey key = this.keys.create(KeyType.P256V1);

        Map<String, Object> row = this.backend
                .database
                .jdbc()
                .sql("select backend, key_type, public_key, sealed, kek_version from sealed_keys where id = ?")
                .param(key.id().value())
                .query()
                .singleRow();
        assertThat(row.get("backend")).isEqualTo("pkcs11");
        assertThat(row.get("key_type")).isEqualTo("p256v1");
        assertThat((byte[]) row.get("public_key")).isEqualTo(key.publicKey().getEncoded());
        assertThat(row.get("sealed")).isNull();
        assertThat(row.get("kek_version")).isNull();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void signsCsrsOnTheTokenThatOpensslVerifies(KeyType type) throws Exception {
        ManagedKey key = this.keys.create(type);
        PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(
                        new X500Name("C=US, O=Example Inc, CN=hsm.example.com"),
                        SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))
                .build(this.keys.signer(key.id()));

        OpensslReport report = Openssl.inspect("-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(csr.getEncoded())
                + "\n-----END CERTIFICATE REQUEST-----\n");

        assertThat(report.signatureVerified()).as(report.text()).isTrue();
        assertThat(report.signatureAlgorithm())
                .isEqualTo(type == KeyType.RSA2048 ? "sha256WithRSAEncryption" : "ecdsa-with-SHA256");
    }

    @Test
    void aRolledBackCreateLeavesNoObjectOnTheToken() {
        KeyId id = this.backend.database.transactions().execute(status -> {
            ManagedKey key = this.keys.create(KeyType.P256V1);
            assertThat(this.backend.onToken(key.id()))
                    .as("made on the token at once")
                    .isPresent();
            status.setRollbackOnly();
            return key.id();
        });

        assertThat(this.backend.onToken(id)).isEmpty();
    }

    @Test
    void destroyRemovesTheTokenObjectOnlyOnceTheTransactionCommits() {
        ManagedKey kept = this.keys.create(KeyType.P256V1);
        ManagedKey destroyed = this.keys.create(KeyType.P256V1);

        this.backend.database.transactions().executeWithoutResult(status -> {
            this.keys.destroy(kept.id());
            status.setRollbackOnly();
        });
        this.backend.database.transactions().executeWithoutResult(status -> {
            this.keys.destroy(destroyed.id());
            assertThat(this.backend.onToken(destroyed.id()))
                    .as("still on the token until the commit")
                    .isPresent();
        });

        assertThat(this.backend.onToken(kept.id())).isPresent();
        assertThat(this.backend.onToken(destroyed.id())).isEmpty();
    }

    @Test
    void aKeyOneNodeMadeSignsOnAnother() {
        Pkcs11KeyManager other = this.backend.start(); // its own SunPKCS11 provider and view of the token
        ManagedKey key = this.keys.create(KeyType.P256V1);

        assertThat(other.signer(key.id())).isNotNull();
        other.destroy(key.id());
        assertThat(this.backend.onToken(key.id())).isEmpty();
    }

    @Test
    void theSweepDestroysOrphansOlderThanAnHourAndKeepsYoungerOnesAndRecordedKeys() {
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
        Pkcs11Token token = Pkcs11Token.open(Pkcs11Backend.settings(), past);
        KeyId oldOrphan = KeyId.random();
        token.generate(oldOrphan, KeyType.P256V1);
        KeyId youngOrphan = KeyId.random();
        this.backend.token().generate(youngOrphan, KeyType.P256V1);
        ManagedKey oldRecorded = this.backend
                .start(dev.keyhold.keys.KeyPoolSettings.DISABLED, past)
                .create(KeyType.P256V1);

        assertThat(this.keys.sweep()).isEqualTo(1);

        assertThat(this.backend.onToken(oldOrphan)).isEmpty();
        assertThat(this.backend.onToken(youngOrphan)).isPresent();
        assertThat(this.backend.onToken(oldRecorded.id())).isPresent();
        this.backend.token().delete(youngOrphan);
    }

    @Test
    void timesGenerationOnTheTokenByKeyType() {
        this.keys.create(KeyType.P256V1);

        assertThat(this.backend
                        .meters
                        .get("keyhold.keys.generation")
                        .tags("key_type", "p256v1", "backend", "pkcs11")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    private static String openssl(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl"));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor()).isZero();
        return out;
    }
}
