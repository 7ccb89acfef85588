package dev.keyhold.keys.pkcs11;

import dev.keyhold.keys.KeyBackendException;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyStoreConfigurationException;
import dev.keyhold.keys.KeyType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.security.auth.login.FailedLoginException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One PKCS#11 token through the JDK's SunPKCS11 provider, logged in with the user PIN. Private keys are token objects
 * created sensitive and non-extractable (generated on the token, or imported into it); each is stored as a
 * {@link KeyStore} entry whose alias and CKA_ID are the key id, next to a self-signed placeholder certificate, because
 * SunPKCS11 names a private key only through a certificate. The placeholder's notBefore records when the object was
 * made. Thread-safe: objects are created and destroyed one at a time, signatures run in parallel; {@link #open} fails with a {@link KeyStoreConfigurationException} that never contains the PIN.
 */
final class Pkcs11Token {

    // NOTE: SunPKCS11 applies these templates to every C_GenerateKeyPair / C_CreateObject it issues. Public keys stay
    // session objects: the database keeps the public key, the token only the private one.
    private static final String ATTRIBUTES =
            """
            attributes(generate, *, *) = {
              CKA_TOKEN = true
            }
            attributes(generate, CKO_PUBLIC_KEY, *) = {
              CKA_TOKEN = false
            }
            attributes(generate, CKO_PRIVATE_KEY, *) = {
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
            }
            attributes(import, CKO_PRIVATE_KEY, *) = {
              CKA_PRIVATE = true
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
            }
            """;

    private final Provider provider;

    private final KeyStore keyStore;

    private final Pkcs11Settings settings;

    private final Clock clock;

    /** Serialises object creation, destruction and listing on one library, across the providers of this JVM. */
    private final Object lock;

    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private Pkcs11Token(Provider provider, KeyStore keyStore, Pkcs11Settings settings, Clock clock, Object lock) {
        this.provider = provider;
        this.keyStore = keyStore;
        this.settings = settings;
        this.clock = clock;
        this.lock = lock;
    }

    /** Loads the library, selects the token and logs in. */
    static Pkcs11Token open(Pkcs11Settings settings, Clock clock) {
        if (!Files.isRegularFile(settings.library())) {
            throw new KeyStoreConfigurationException("the PKCS#11 library " + settings.library() + " does not exist:"
                    + " set KEYHOLD_PKCS11_LIBRARY to the token vendor's module (SoftHSM2:"
                    + " /usr/lib/softhsm/libsofthsm2.so)");
        }
        String slotLine = settings.slotLine(); // NOTE: before the provider: a label is looked up with its own message
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11")
                    .configure("--name = Keyhold\nlibrary = \"" + settings.library() + "\"\n" + slotLine + "\n"
                            + ATTRIBUTES);
        } catch (RuntimeException ex) {
            throw new KeyStoreConfigurationException(
                    "cannot open " + settings.token() + ": " + rootMessage(ex)
                            + ". Check KEYHOLD_PKCS11_LIBRARY (the vendor's PKCS#11 module) and KEYHOLD_PKCS11_SLOT or"
                            + " KEYHOLD_PKCS11_SLOT_INDEX (`pkcs11-tool --module " + settings.library()
                            + " -L` lists the slots)",
                    ex);
        }
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance("PKCS11", provider);
        } catch (GeneralSecurityException | RuntimeException ex) {
            throw new KeyStoreConfigurationException(
                    "there is no usable token in " + settings.token() + ": "
                            + rootMessage(ex) + ". Set KEYHOLD_PKCS11_SLOT to the slot id of an initialised token"
                            + " (`pkcs11-tool --module " + settings.library() + " -L` lists them)",
                    ex);
        }
        Object lock = LOCKS.computeIfAbsent(settings.library().toAbsolutePath().normalize(), library -> new Object());
        try {
            synchronized (lock) { // NOTE: logging in lists the token's objects
                keyStore.load(null, settings.pin());
            }
        } catch (IOException | GeneralSecurityException | RuntimeException ex) {
            boolean refused =
                    causedBy(ex, FailedLoginException.class) || rootMessage(ex).contains("CKR_PIN");
            throw new KeyStoreConfigurationException(
                    refused
                            ? "the token in " + settings.token() + " refused the user PIN from " + settings.pinSource()
                                    + ": put the token's user PIN there (not the SO PIN)"
                            : "cannot log in to the token in " + settings.token() + ": " + rootMessage(ex),
                    ex);
        }
        return new Pkcs11Token(provider, keyStore, settings, clock, lock);
    }

    /** The provider that signs with this token's keys. */
    Provider provider() {
        return this.provider;
    }

    /** Generates a key pair on the token, the private half as a token object named {@code id}. */
    PublicKey generate(KeyId id, KeyType type) {
        // NOTE: one object creation at a time per node: SoftHSM2 fails concurrent C_GenerateKeyPair / C_CreateObject
        // on token objects with CKR_GENERAL_ERROR (SoftHSMv2 issue 573). Signatures are not serialised.
        synchronized (this.lock) {
            KeyPair pair;
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm(), this.provider);
                generator.initialize(parameters(type));
                pair = generator.generateKeyPair();
            } catch (GeneralSecurityException | RuntimeException ex) {
                throw new KeyBackendException(
                        "cannot generate a " + type.apiName() + " key on " + this + ": " + rootMessage(ex), ex);
            }
            PublicKey publicKey = portable(type, pair.getPublic());
            store(id, type, pair.getPrivate(), publicKey, this.provider);
            return publicKey;
        }
    }

    /** Creates a sensitive, non-extractable token object named {@code id} from a software key pair. */
    void importKey(KeyId id, KeyType type, KeyPair pair) {
        // NOTE: KeyStore insists the key's algorithm name equals the certificate key's ("EC", never BC's "ECDSA")
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(type.algorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException ex) {
            throw new KeyBackendException("cannot read the uploaded " + type.apiName() + " key for " + id, ex);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        store(id, type, privateKey, portable(type, pair.getPublic()), null);
    }

    /** The token object named {@code id}, looking again at the token when this node has not seen it yet. */
    Optional<PrivateKey> privateKey(KeyId id) {
        try {
            synchronized (this.lock) {
                Key key = this.keyStore.getKey(id.value(), null);
                if (key == null) {
                    reload(); // another node may have made it
                    key = this.keyStore.getKey(id.value(), null);
                }
                return Optional.ofNullable((PrivateKey) key);
            }
        } catch (GeneralSecurityException | RuntimeException ex) {
            throw new KeyBackendException("cannot read key " + id + " from " + this + ": " + rootMessage(ex), ex);
        }
    }

    /** Destroys the token object named {@code id} and its placeholder; false when there is none. */
    boolean delete(KeyId id) {
        try {
            synchronized (this.lock) {
                if (!this.keyStore.containsAlias(id.value())) {
                    reload();
                    if (!this.keyStore.containsAlias(id.value())) {
                        return false;
                    }
                }
                this.keyStore.deleteEntry(id.value());
                return true;
            }
        } catch (GeneralSecurityException | RuntimeException ex) {
            throw new KeyBackendException("cannot destroy key " + id + " on " + this + ": " + rootMessage(ex), ex);
        }
    }

    /** The Keyhold keys on the token, with the time each was made, as the token lists them now. */
    List<TokenObject> list() {
        try {
            synchronized (this.lock) {
                reload();
                List<TokenObject> objects = new ArrayList<>();
                for (String alias : Collections.list(this.keyStore.aliases())) {
                    Optional<KeyId> id = keyId(alias);
                    if (id.isPresent()
                            && this.keyStore.isKeyEntry(alias)
                            && this.keyStore.getCertificate(alias) instanceof X509Certificate placeholder) {
                        objects.add(new TokenObject(
                                id.get(), placeholder.getNotBefore().toInstant()));
                    }
                }
                return objects;
            }
        } catch (GeneralSecurityException | RuntimeException ex) {
            throw new KeyBackendException("cannot list the keys on " + this + ": " + rootMessage(ex), ex);
        }
    }

    /** A Keyhold key on the token and when it was made. */
    record TokenObject(KeyId id, Instant madeAt) {}

    private void store(KeyId id, KeyType type, PrivateKey privateKey, PublicKey publicKey, Provider signer) {
        try {
            Certificate placeholder = placeholder(id, type, privateKey, publicKey, signer);
            synchronized (this.lock) {
                this.keyStore.setKeyEntry(id.value(), privateKey, null, new Certificate[] {placeholder});
            }
        } catch (GeneralSecurityException | OperatorCreationException | RuntimeException ex) {
            throw new KeyBackendException("cannot store key " + id + " on " + this + ": " + rootMessage(ex), ex);
        }
    }

    /** SunPKCS11 keeps a private key under an alias only next to a certificate: a self-signed one, never served. */
    private X509Certificate placeholder(
            KeyId id, KeyType type, PrivateKey privateKey, PublicKey publicKey, Provider signer)
            throws GeneralSecurityException, OperatorCreationException {
        X500Name name = new X500Name("CN=Keyhold key " + id);
        Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(type.signatureAlgorithm());
        if (signer != null) {
            builder.setProvider(signer);
        }
        return new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                new BigInteger(id.value().replace("-", ""), 16),
                                Date.from(now),
                                Date.from(now.plus(36_500, ChronoUnit.DAYS)),
                                name,
                                publicKey)
                        .build(builder.build(privateKey)));
    }

    private void reload() throws GeneralSecurityException {
        try {
            this.keyStore.load(null, this.settings.pin());
        } catch (IOException ex) {
            throw new GeneralSecurityException("cannot read the token's objects again: " + rootMessage(ex), ex);
        }
    }

    private static Optional<KeyId> keyId(String alias) {
        try {
            return Optional.of(new KeyId(alias));
        } catch (IllegalArgumentException ex) {
            return Optional.empty(); // an object Keyhold did not make
        }
    }

    private static PublicKey portable(KeyType type, PublicKey tokenKey) {
        try {
            return KeyFactory.getInstance(type.algorithm())
                    .generatePublic(new X509EncodedKeySpec(tokenKey.getEncoded()));
        } catch (GeneralSecurityException ex) {
            throw new KeyBackendException("the token returned an unreadable " + type.apiName() + " public key", ex);
        }
    }

    private static AlgorithmParameterSpec parameters(KeyType type) {
        return switch (type) {
            case RSA2048 -> new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4);
            case RSA3072 -> new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4);
            case RSA4096 -> new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4);
            case P256V1 -> new ECGenParameterSpec("secp256r1");
            case P384 -> new ECGenParameterSpec("secp384r1");
        };
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: SunPKCS11 wraps the PKCS#11 return code (CKR_...) several levels deep. */
    static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public String toString() {
        return "the PKCS#11 token in " + this.settings.token();
    }
}
