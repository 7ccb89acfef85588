package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyBackendException;
import dev.keyhold.keys.KeyGenerationTimers;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.KeyNotFoundException;
import dev.keyhold.keys.KeyPool;
import dev.keyhold.keys.KeyPoolSettings;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.KeyUnsealException;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.keys.PrivateKeyPem;
import dev.keyhold.keys.SigningKey;
import dev.keyhold.system.CryptoProviders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.DestroyFailedException;
import javax.sql.DataSource;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The local key backend: generates keys in-process with the preferred JCA provider and stores each private key only
 * as PKCS#8 sealed with AES-256-GCM under the current KEK of a {@link KekStore}. Construct it once at startup: it
 * opens (or first creates) the KEK keystore and fails with a {@code KeyStoreConfigurationException} when the keystore
 * cannot open the keys already in {@code sealed_keys}, so the Flyway migration must have run. With an enabled
 * {@link KeyPoolSettings pool}, {@link #create} takes a pre-generated key when one is ready; {@link #close()} stops its
 * refill threads.
 */
public final class LocalKeyManager implements KeyManager, AutoCloseable {

    static final String BACKEND = "local";

    private final SealedKeyRepository repository;

    private final KeySealer sealer;

    private final KekReload reload;

    private final Clock clock;

    private final MeterRegistry meters;

    private final Map<KeyType, Timer> generationTimers;

    private final Map<KeyType, Optional<String>> signatureProviders = new EnumMap<>(KeyType.class);

    private final KeyPool<SealedKeyRepository.Row> pool;

    /** A backend without a key pool: every key is generated when created. */
    public LocalKeyManager(DataSource dataSource, KekSettings settings, MeterRegistry meters, Clock clock) {
        this(dataSource, settings, KeyPoolSettings.DISABLED, meters, clock);
    }

    /**
     * Opens the KEK keystore (creating it on first start), checks it against the keys already stored, and starts
     * refilling the key pool when it is enabled.
     * @param dataSource the application's DataSource, the one its transaction manager uses
     * @param settings where the KEK keystore and its password are
     * @param pool how many keys to keep ready per type, and how many threads refill them
     */
    public LocalKeyManager(
            DataSource dataSource, KekSettings settings, KeyPoolSettings pool, MeterRegistry meters, Clock clock) {
        CryptoProviders.install();
        SecureRandom random = new SecureRandom();
        this.repository = new SealedKeyRepository(JdbcClient.create(dataSource));
        KekStore keks = KekStartupCheck.open(settings, this.repository, random);
        this.sealer = new KeySealer(keks, random);
        KekStartupCheck.verifyKeksOpenStoredKeys(keks, this.repository, this.sealer);
        KekStartupCheck.verifyKekChecks(keks, this.repository, clock);
        this.reload = new KekReload(keks, this.repository);
        this.clock = clock;
        this.meters = meters;
        this.generationTimers = KeyGenerationTimers.register(meters, BACKEND);
        Provider preferred = Security.getProvider(CryptoProviders.preferred());
        for (KeyType type : KeyType.values()) {
            this.signatureProviders.put(
                    type,
                    Optional.ofNullable(preferred)
                            .filter(p -> p.getService("Signature", type.signatureAlgorithm()) != null)
                            .map(Provider::getName));
        }
        this.pool = pool.enabled()
                ? new KeyPool<>(
                        pool, this.repository, type -> storeAndForget(type, generate(type), true), meters, BACKEND)
                : null;
    }

    @Override
    public ManagedKey create(KeyType type) {
        Optional<SealedKeyRepository.Row> pooled = claim(type);
        if (pooled.isPresent()) {
            return managed(pooled.get());
        }
        return storeAndForget(type, generate(type), false);
    }

    /** Signs with the private key in hand (claimed and unsealed once, or just generated), never read back. */
    @Override
    public SigningKey createWithSigner(KeyType type) {
        Optional<SealedKeyRepository.Row> pooled = claim(type);
        if (pooled.isPresent()) {
            return new SigningKey(managed(pooled.get()), signer(pooled.get()));
        }
        KeyPair pair = generate(type);
        boolean signing = false;
        try {
            ManagedKey key = store(type, pair, false);
            SigningKey created = new SigningKey(key, signer(key.id(), type, pair.getPrivate()));
            signing = true;
            return created;
        } finally {
            if (!signing) {
                forget(pair.getPrivate());
            }
        }
    }

    private Optional<SealedKeyRepository.Row> claim(KeyType type) {
        return this.pool != null && type.generated() ? this.pool.claim(type, now()) : Optional.empty();
    }

    @Override
    public ManagedKey importKey(String pem) {
        KeyPair pair = PrivateKeyPem.read(pem);
        return storeAndForget(PrivateKeyPem.typeOf(pair.getPrivate()), pair, false);
    }

    /** Pooled keys of the type ready to be claimed, across nodes; 0 without a pool. */
    int poolDepth(KeyType type) {
        return this.pool == null ? 0 : this.pool.depth(type);
    }

    /** Whether the pool's refill threads have all ended (true without a pool). */
    boolean poolStopped() {
        return this.pool == null || this.pool.stopped();
    }

    /** Starts refilling the pool in the background; until then only claims trigger refills. */
    public void startPool() {
        if (this.pool != null) {
            this.pool.start();
        }
    }

    /** Stops refilling the key pool; the backend keeps serving, generating inline once the pool runs dry. */
    @Override
    public void close() {
        if (this.pool != null) {
            this.pool.close();
        }
    }

    private Instant now() {
        // NOTE: PostgreSQL keeps microseconds; truncating here makes find() report exactly what create() did
        return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private ManagedKey storeAndForget(KeyType type, KeyPair pair, boolean pooled) {
        try {
            return store(type, pair, pooled);
        } finally {
            forget(pair.getPrivate());
        }
    }

    /** Seals and stores the key; the caller forgets the private key when done with it. */
    private ManagedKey store(KeyType type, KeyPair pair, boolean pooled) {
        KeyId id = KeyId.random();
        byte[] publicKey = pair.getPublic().getEncoded();
        byte[] privateKey = pair.getPrivate().getEncoded();
        KeySealer.Sealed sealed;
        try {
            this.reload.beforeSeal();
            sealed = this.sealer.seal(id, type, publicKey, privateKey);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
        Instant createdAt = now();
        SealedKeyRepository.Row row =
                new SealedKeyRepository.Row(id, type, publicKey, sealed.bytes(), sealed.kekVersion(), createdAt);
        this.repository.insert(row, pooled);
        return managed(row);
    }

    // NOTE: decoded from the stored bytes, like find(): the generator's object may share state with the private key
    private static ManagedKey managed(SealedKeyRepository.Row row) {
        return new ManagedKey(row.id(), row.type(), publicKey(row), row.createdAt());
    }

    @Override
    public Optional<ManagedKey> find(KeyId id) {
        return this.repository.find(id).map(LocalKeyManager::managed);
    }

    @Override
    public ContentSigner signer(KeyId id) {
        return signer(this.repository.find(id).orElseThrow(() -> new KeyNotFoundException(id)));
    }

    private ContentSigner signer(SealedKeyRepository.Row row) {
        KeyId id = row.id();
        this.reload.beforeUnseal(row.kekVersion());
        byte[] pkcs8 = this.sealer.unseal(id, row.type(), row.kekVersion(), row.publicKey(), row.sealed());
        PrivateKey key;
        try {
            // NOTE: PKCS8EncodedKeySpec keeps its own copy of the encoding, which cannot be wiped
            key = KeyFactory.getInstance(row.type().algorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException ex) {
            throw new KeyUnsealException(
                    id,
                    "the unsealed bytes are not a valid " + row.type().algorithm() + " private key ("
                            + ex.getClass().getSimpleName() + ")",
                    ex);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        return signer(id, row.type(), key);
    }

    /** A signer that forgets the private key once it has produced its signature. */
    private ContentSigner signer(KeyId id, KeyType type, PrivateKey key) {
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(type.signatureAlgorithm());
        this.signatureProviders.get(type).ifPresent(builder::setProvider);
        ContentSigner signer;
        try {
            signer = builder.build(key);
        } catch (OperatorCreationException ex) {
            forget(key);
            throw new KeyBackendException(
                    "cannot build a " + type.signatureAlgorithm() + " signer for key " + id + ": " + ex.getMessage(),
                    ex);
        }
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return signer.getAlgorithmIdentifier();
            }

            @Override
            public OutputStream getOutputStream() {
                return signer.getOutputStream();
            }

            @Override
            public byte[] getSignature() {
                try {
                    return signer.getSignature();
                } finally {
                    forget(key);
                }
            }
        };
    }

    @Override
    public void destroy(KeyId id) {
        this.repository.delete(id);
    }

    private KeyPair generate(KeyType type) {
        Timer.Sample sample = Timer.start(this.meters);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm());
            generator.initialize(parameters(type));
            KeyPair pair = generator.generateKeyPair();
            sample.stop(this.generationTimers.get(type));
            return pair;
        } catch (GeneralSecurityException ex) {
            throw new KeyBackendException(
                    "cannot generate a " + type.apiName() + " key with the JCA provider " + CryptoProviders.preferred()
                            + ": " + ex.getMessage(),
                    ex);
        }
    }

    private static AlgorithmParameterSpec parameters(KeyType type) {
        return switch (type) {
            case RSA2048 -> new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4);
            case P256V1 -> new ECGenParameterSpec("secp256r1");
            case RSA3072, RSA4096, P384 ->
                throw new IllegalArgumentException("Keyhold does not generate " + type.apiName() + " keys");
        };
    }

    private static PublicKey publicKey(SealedKeyRepository.Row row) {
        try {
            return KeyFactory.getInstance(row.type().algorithm())
                    .generatePublic(new X509EncodedKeySpec(row.publicKey()));
        } catch (GeneralSecurityException ex) {
            throw new KeyBackendException(
                    "the stored public key of key " + row.id() + " is not a valid "
                            + row.type().algorithm() + " SubjectPublicKeyInfo: " + ex.getMessage(),
                    ex);
        }
    }

    private static void forget(PrivateKey key) {
        try {
            key.destroy(); // frees ACCP's native copy; the JDK's keys refuse and are left to the GC
        } catch (DestroyFailedException ex) {
            // nothing more to do: the key object is unreachable from here on
        }
    }
}
