package dev.keyhold.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The behaviour every {@link KeyManager} backend must show. A backend's test class extends it and supplies the
 * backend, the transactions it joins, and (where the backend can) the stored private key for the leak checks.
 */
public abstract class KeyManagerContract {

    private static final X500Name SUBJECT = new X500Name("C=US, O=Example Inc, CN=contract.example.com");

    /** The backend under test, fresh for each test. */
    protected abstract KeyManager keyManager();

    /** Transactions on the same DataSource as the backend. */
    protected abstract TransactionTemplate transactions();

    /** The PKCS#8 encoding of the key as the backend keeps it, or empty when the backend cannot export it. */
    protected abstract Optional<byte[]> storedPrivateKey(KeyId id);

    @Test
    void createsRsaKeysWithA2048BitModulusAndExponent65537() {
        ManagedKey key = keyManager().create(KeyType.RSA2048);

        assertThat(key.type()).isEqualTo(KeyType.RSA2048);
        assertThat(algorithmOf(key.publicKey())).isEqualTo(PKCSObjectIdentifiers.rsaEncryption);
        RSAPublicKey rsa = (RSAPublicKey) key.publicKey();
        assertThat(rsa.getModulus().bitLength()).isEqualTo(2048);
        assertThat(rsa.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    }

    @Test
    void createsEcKeysOnTheNamedCurveSecp256r1() {
        ManagedKey key = keyManager().create(KeyType.P256V1);

        assertThat(key.type()).isEqualTo(KeyType.P256V1);
        SubjectPublicKeyInfo spki =
                SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
        assertThat(spki.getAlgorithm().getAlgorithm()).isEqualTo(X9ObjectIdentifiers.id_ecPublicKey);
        assertThat(spki.getAlgorithm().getParameters()).isEqualTo(SECObjectIdentifiers.secp256r1);
        assertThat(((ECPublicKey) key.publicKey())
                        .getParams()
                        .getCurve()
                        .getField()
                        .getFieldSize())
                .isEqualTo(256);
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void findReturnsTheSamePublicKeyTypeAndCreationTime(KeyType type) {
        ManagedKey created = keyManager().create(type);

        ManagedKey found = keyManager().find(created.id()).orElseThrow();

        assertThat(found.id()).isEqualTo(created.id());
        assertThat(found.type()).isEqualTo(type);
        assertThat(found.publicKey().getEncoded()).isEqualTo(created.publicKey().getEncoded());
        assertThat(found.createdAt()).isEqualTo(created.createdAt());
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void signaturesFromTheSignerVerifyWithThePublicKey(KeyType type) throws Exception {
        ManagedKey key = keyManager().create(type);
        byte[] payload = new CertificationRequestInfo(
                        SUBJECT,
                        SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()),
                        new DERSet())
                .getEncoded(ASN1Encoding.DER);

        ContentSigner signer = keyManager().signer(key.id());
        byte[] signature = sign(signer, payload);

        assertThat(signer.getAlgorithmIdentifier().getAlgorithm())
                .isEqualTo(
                        type == KeyType.RSA2048
                                ? PKCSObjectIdentifiers.sha256WithRSAEncryption
                                : X9ObjectIdentifiers.ecdsa_with_SHA256);
        assertThat(verify(type, key.publicKey(), payload, signature)).isTrue();
        payload[payload.length - 1] ^= 1;
        assertThat(verify(type, key.publicKey(), payload, signature))
                .as("a signature over other bytes")
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void signsPkcs10RequestsThatBouncyCastleVerifies(KeyType type) throws Exception {
        ManagedKey key = keyManager().create(type);
        SubjectPublicKeyInfo spki =
                SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());

        PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(SUBJECT, spki)
                .build(keyManager().signer(key.id()));

        PKCS10CertificationRequest parsed = new PKCS10CertificationRequest(csr.getEncoded());
        assertThat(parsed.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .setProvider("BC")
                        .build(spki)))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void createWithSignerGivesAStoredKeyAndASignerForIt(KeyType type) throws Exception {
        byte[] payload = "signed by the signer that came with the key".getBytes();

        SigningKey created = transactions().execute(status -> keyManager().createWithSigner(type));
        byte[] signature = sign(created.signer(), payload);

        assertThat(created.key().type()).isEqualTo(type);
        assertThat(verify(type, created.key().publicKey(), payload, signature)).isTrue();
        ManagedKey stored = keyManager().find(created.key().id()).orElseThrow();
        assertThat(stored.publicKey().getEncoded())
                .isEqualTo(created.key().publicKey().getEncoded());
        assertThat(stored.createdAt()).isEqualTo(created.key().createdAt());
        assertThat(verify(type, stored.publicKey(), payload, sign(keyManager().signer(stored.id()), payload)))
                .as("the stored key signs later too")
                .isTrue();
    }

    @Test
    void aRolledBackCreateWithSignerLeavesNoKeyBehind() {
        KeyId id = transactions().execute(status -> {
            KeyId created = keyManager().createWithSigner(KeyType.P256V1).key().id();
            status.setRollbackOnly();
            return created;
        });

        assertThat(keyManager().find(id)).isEmpty();
    }

    @Test
    void twoCreatesGiveDistinctKeysAndIds() {
        for (KeyType type : KeyType.values()) {
            if (!type.generated()) {
                continue;
            }
            ManagedKey first = keyManager().create(type);
            ManagedKey second = keyManager().create(type);

            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(second.publicKey().getEncoded())
                    .isNotEqualTo(first.publicKey().getEncoded());
        }
    }

    @Test
    void destroyMakesTheKeyUnfindableAndUnusable() {
        ManagedKey key = keyManager().create(KeyType.P256V1);
        ManagedKey other = keyManager().create(KeyType.P256V1);

        keyManager().destroy(key.id());

        assertThat(keyManager().find(key.id())).isEmpty();
        assertThatThrownBy(() -> keyManager().signer(key.id()))
                .isInstanceOf(KeyNotFoundException.class)
                .hasMessageContaining(key.id().value());
        assertThat(keyManager().find(other.id())).isPresent();
    }

    @Test
    void destroyingAMissingKeyDoesNothing() {
        ManagedKey key = keyManager().create(KeyType.P256V1);
        keyManager().destroy(key.id());

        assertThatCode(() -> keyManager().destroy(key.id())).doesNotThrowAnyException();
        assertThatCode(() -> keyManager().destroy(KeyId.random())).doesNotThrowAnyException();
    }

    @Test
    void signerForAnUnknownKeyThrowsKeyNotFound() {
        KeyId unknown = KeyId.random();

        assertThat(keyManager().find(unknown)).isEmpty();
        assertThatThrownBy(() -> keyManager().signer(unknown))
                .isInstanceOf(KeyNotFoundException.class)
                .hasMessageContaining(unknown.value());
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void describesKeysAndFailuresWithoutPrivateKeyMaterial(KeyType type) {
        ManagedKey key = keyManager().create(type);
        PrivateKeyMaterial material = storedPrivateKey(key.id())
                .map(pkcs8 -> PrivateKeyMaterial.of(type, pkcs8))
                .orElseGet(PrivateKeyMaterial::unknown);
        ContentSigner signer = keyManager().signer(key.id());
        keyManager().destroy(key.id());
        Throwable notFound = catchThrowable(() -> keyManager().signer(key.id()));
        assertThat(notFound).isInstanceOf(KeyNotFoundException.class);

        material.assertAbsentFrom(
                key.toString(),
                String.valueOf(key.publicKey()),
                signer.toString(),
                String.valueOf(signer.getAlgorithmIdentifier()),
                notFound.toString());
    }

    @Test
    void theLeakCheckCatchesPrivateKeyMaterial() {
        ManagedKey key = keyManager().create(KeyType.P256V1);
        Optional<byte[]> pkcs8 = storedPrivateKey(key.id());
        if (pkcs8.isPresent()) {
            PrivateKeyMaterial material = PrivateKeyMaterial.of(KeyType.P256V1, pkcs8.get());
            assertThatThrownBy(() -> material.assertAbsentFrom(key + " " + material.sample()))
                    .isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void aRolledBackTransactionLeavesNoKeyBehind() {
        KeyId[] created = new KeyId[1];

        transactions().executeWithoutResult(status -> {
            created[0] = keyManager().create(KeyType.P256V1).id();
            assertThat(keyManager().find(created[0]))
                    .as("visible inside its transaction")
                    .isPresent();
            status.setRollbackOnly();
        });

        assertThat(keyManager().find(created[0])).isEmpty();
        assertThatThrownBy(() -> keyManager().signer(created[0])).isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void aRolledBackDestroyKeepsTheKey() {
        ManagedKey key = keyManager().create(KeyType.P256V1);

        transactions().executeWithoutResult(status -> {
            keyManager().destroy(key.id());
            status.setRollbackOnly();
        });

        assertThat(keyManager().find(key.id())).isPresent();
        assertThat(keyManager().signer(key.id())).isNotNull();
    }

    @Test
    void signsWithAKeyCreatedEarlierInTheSameTransaction() {
        byte[] payload = "signed before commit".getBytes();

        ManagedKey key = transactions().execute(status -> {
            ManagedKey created = keyManager().create(KeyType.P256V1);
            assertThat(verify(
                            KeyType.P256V1,
                            created.publicKey(),
                            payload,
                            sign(keyManager().signer(created.id()), payload)))
                    .isTrue();
            return created;
        });

        assertThat(keyManager().find(key.id())).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "genpkey RSA 2048 (PKCS#8), RSA2048, genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048",
        "genrsa 3072 -traditional (PKCS#1), RSA3072, genrsa -traditional 3072",
        "genpkey RSA 4096 (PKCS#8), RSA4096, genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096",
        "ecparam P-256 -genkey (SEC 1 with EC PARAMETERS), P256V1, ecparam -name prime256v1 -genkey",
        "genpkey P-384 (PKCS#8), P384, genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384",
    })
    void importsUploadedKeysAndSignsWithThem(String label, KeyType type, String command) throws Exception {
        String pem = opensslKey(command.split(" "));
        PublicKey expected = publicKeyOf(pem);

        ManagedKey key = keyManager().importKey(pem);

        assertThat(key.type()).isEqualTo(type);
        assertThat(key.publicKey().getEncoded()).isEqualTo(expected.getEncoded());
        assertThat(keyManager().find(key.id()).orElseThrow().publicKey().getEncoded())
                .isEqualTo(expected.getEncoded());
        byte[] payload = "imported".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(verify(type, expected, payload, sign(keyManager().signer(key.id()), payload)))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "RSA 1024, genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024, RSA keys of 1024 bits are not supported",
        "P-521, genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521, 521-bit curve are not supported",
        "secp256k1, genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1, named curves P-256 or P-384",
        "Ed25519, genpkey -algorithm ED25519, are not supported",
        "encrypted PKCS#8, genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes-128-cbc -pass pass:secret,"
                + " encrypted",
    })
    void refusesKeysItDoesNotHoldWithoutQuotingThem(String label, String command, String reason) throws Exception {
        String pem = opensslKey(command.split(" "));

        Throwable failure = catchThrowable(() -> keyManager().importKey(pem));

        assertThat(failure).isInstanceOf(InvalidPrivateKeyException.class).hasMessageContaining(reason);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        for (int i = 0; i + 16 <= body.length(); i += 16) {
            assertThat(failure.getMessage()).doesNotContain(body.substring(i, i + 16));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty||the private key is empty",
                "not PEM|hello|no PEM private key block",
                "a certificate request|-----BEGIN CERTIFICATE REQUEST-----\\nMIIBIjANBg==\\n-----END CERTIFICATE REQUEST-----|not valid PEM",
                "broken base64|-----BEGIN PRIVATE KEY-----\\n%%%%\\n-----END PRIVATE KEY-----|not valid PEM",
            })
    void refusesTextThatIsNotAPrivateKey(String label, String text, String reason) {
        String pem = text == null ? "" : text.replace("\\n", "\n");

        assertThatThrownBy(() -> keyManager().importKey(pem))
                .isInstanceOf(InvalidPrivateKeyException.class)
                .hasMessageContaining(reason);
    }

    private static String opensslKey(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("openssl"));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        process.getErrorStream().readAllBytes();
        assertThat(process.waitFor()).as("openssl %s", command).isZero();
        return out;
    }

    /** The public key of a PEM private key, as openssl itself derives it. */
    private static PublicKey publicKeyOf(String privatePem) throws Exception {
        Process process = new ProcessBuilder("openssl", "pkey", "-pubout", "-outform", "DER").start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(privatePem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        byte[] der = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
        String algorithm =
                spki.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "EC";
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    }

    private static ASN1ObjectIdentifier algorithmOf(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm();
    }

    private static byte[] sign(ContentSigner signer, byte[] payload) {
        try (OutputStream out = signer.getOutputStream()) {
            out.write(payload);
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
        return signer.getSignature();
    }

    /** Verifies with Bouncy Castle, independently of the provider that signed, from the encoded public key. */
    private static boolean verify(KeyType type, PublicKey key, byte[] payload, byte[] signature) {
        try {
            PublicKey decoded = KeyFactory.getInstance(type.algorithm(), "BC")
                    .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            Signature verifier = Signature.getInstance(type.signatureAlgorithm(), "BC");
            verifier.initVerify(decoded);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (GeneralSecurityException ex) {
            throw new AssertionError(ex);
        }
    }
}
