package dev.keyhold.keys.pkcs11;

import dev.keyhold.keys.KeyBackendException;
import dev.keyhold.keys.KeyGenerationTimers;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.KeyNotFoundException;
import dev.keyhold.keys.KeyPool;
import dev.keyhold.keys.KeyPoolSettings;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.keys.PrivateKeyPem;
import dev.keyhold.system.CryptoProviders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The PKCS#11 key backend: every private key is a sensitive, non-extractable object on one token, generated there (or
 * imported into it from an upload) and used only through the token's own signatures; {@code sealed_keys} keeps each
 * key's public half and type with no secret. The token is not transactional, so the database decides: a key whose
 * creating transaction rolls back is destroyed on the token after the rollback, and {@link #destroy} removes the
 * token object only after the caller's transaction commits. Objects a crash left behind in either window have no
 * committed row and are invisible to {@link #find}; {@link #sweep} destroys them once they are older than
 * {@link #ORPHAN_AGE} (it runs at startup). With an enabled pool, pooled keys are token objects too, claimed through
 * their rows exactly as the local backend's. Call {@link #close()} on shutdown.
 */
public final class Pkcs11KeyManager implements KeyManager, AutoCloseable {

    static final String BACKEND = TokenKeyRepository.BACKEND;

    /** How old an object without a row must be before {@link #sweep} destroys it: no transaction runs that long. */
    static final Duration ORPHAN_AGE = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(Pkcs11KeyManager.class);

    private final Pkcs11Token token;

    private final TokenKeyRepository repository;

    private final Clock clock;

    private final MeterRegistry meters;

    private final Map<KeyType, Timer> generationTimers;

    private final KeyPool<KeyId> pool;

    /**
     * Opens the token (loading the library and logging in), destroys its orphaned objects, and starts refilling the
     * pool when it is enabled.
     *
     * @param dataSource the application's DataSource, the one its transaction manager uses
     * @throws dev.keyhold.keys.KeyStoreConfigurationException when the library, the slot or the PIN is wrong
     */
    public Pkcs11KeyManager(
            DataSource dataSource, Pkcs11Settings settings, KeyPoolSettings pool, MeterRegistry meters, Clock clock) {
        CryptoProviders.install(); // verification and placeholder signatures of imported keys stay in software
        this.token = Pkcs11Token.open(settings, clock);
        this.repository = new TokenKeyRepository(JdbcClient.create(dataSource));
        this.clock = clock;
        this.meters = meters;
        this.generationTimers = KeyGenerationTimers.register(meters, BACKEND);
        int swept = sweep();
        if (swept > 0) {
            log.info("Destroyed {} key(s) on {} that no committed row refers to", swept, this.token);
        }
        log.info("Keys are generated on {}", this.token);
        this.pool = pool.enabled()
                ? new KeyPool<>(pool, this.repository, type -> store(type, true), meters, BACKEND)
                : null;
    }

    @Override
    public ManagedKey create(KeyType type) {
        if (this.pool != null && type.generated()) {
            Optional<KeyId> pooled = this.pool.claim(type, now());
            if (pooled.isPresent()) {
                return find(pooled.get())
                        .orElseThrow(() -> new KeyBackendException(
                                "the pooled key " + pooled.get() + " vanished while it was claimed", null));
            }
        }
        return store(type, false);
    }

    @Override
    public ManagedKey importKey(String pem) {
        KeyPair pair = PrivateKeyPem.read(pem);
        KeyType type = PrivateKeyPem.typeOf(pair.getPrivate());
        KeyId id = KeyId.random();
        this.token.importKey(id, type, pair);
        return record(id, type, pair.getPublic(), false);
    }

    private ManagedKey store(KeyType type, boolean pooled) {
        KeyId id = KeyId.random();
        Timer.Sample sample = Timer.start(this.meters);
        PublicKey publicKey = this.token.generate(id, type);
        sample.stop(this.generationTimers.get(type));
        return record(id, type, publicKey, pooled);
    }

    /** Inserts the row of a key just made on the token; the token object goes when the row does not commit. */
    private ManagedKey record(KeyId id, KeyType type, PublicKey publicKey, boolean pooled) {
        Instant createdAt = now();
        TokenKeyRepository.Row row = new TokenKeyRepository.Row(id, type, publicKey.getEncoded(), createdAt);
        try {
            this.repository.insert(row, pooled);
        } catch (RuntimeException ex) {
            destroyOnToken(id);
            throw ex;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        destroyOnToken(id);
                    }
                }
            });
        }
        return new ManagedKey(id, type, publicKey(row), createdAt);
    }

    @Override
    public Optional<ManagedKey> find(KeyId id) {
        return this.repository
                .find(id)
                .map(row -> new ManagedKey(row.id(), row.type(), publicKey(row), row.createdAt()));
    }

    @Override
    public ContentSigner signer(KeyId id) {
        TokenKeyRepository.Row row = this.repository.find(id).orElseThrow(() -> new KeyNotFoundException(id));
        PrivateKey key = this.token
                .privateKey(id)
                .orElseThrow(() -> new KeyBackendException(
                        "key " + id + " is recorded but " + this.token + " has no object for it", null));
        try {
            return new JcaContentSignerBuilder(row.type().signatureAlgorithm())
                    .setProvider(this.token.provider())
                    .build(key);
        } catch (OperatorCreationException ex) {
            throw new KeyBackendException(
                    "cannot build a " + row.type().signatureAlgorithm() + " signer for key " + id + " on " + this.token
                            + ": " + Pkcs11Token.rootMessage(ex),
                    ex);
        }
    }

    /**
     * Deletes the key's row on the caller's transaction and destroys the token object once that commits (at once
     * without a transaction). A rollback keeps both; a crash between commit and destruction leaves an object that
     * {@link #sweep} destroys later.
     */
    @Override
    public void destroy(KeyId id) {
        if (!this.repository.delete(id)) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    destroyOnToken(id);
                }
            });
        } else {
            destroyOnToken(id);
        }
    }

    /**
     * Destroys the Keyhold objects on the token that no row refers to and that are older than {@link #ORPHAN_AGE}
     * (younger ones may belong to a transaction of another node that has not committed yet).
     *
     * @return how many objects it destroyed
     */
    int sweep() {
        Instant cutoff = this.clock.instant().minus(ORPHAN_AGE);
        List<Pkcs11Token.TokenObject> old = this.token.list().stream()
                .filter(object -> object.madeAt().isBefore(cutoff))
                .toList();
        Set<KeyId> recorded = this.repository.existing(
                old.stream().map(Pkcs11Token.TokenObject::id).toList());
        int destroyed = 0;
        for (Pkcs11Token.TokenObject object : old) {
            if (!recorded.contains(object.id()) && this.token.delete(object.id())) {
                destroyed++;
            }
        }
        return destroyed;
    }

    private void destroyOnToken(KeyId id) {
        try {
            this.token.delete(id);
        } catch (RuntimeException ex) {
            // NOTE: the row is gone, so the object is unusable; the next sweep destroys it
            log.warn("Key {} stays on {} until the next sweep: {}", id, this.token, ex.getMessage());
        }
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

    private static PublicKey publicKey(TokenKeyRepository.Row row) {
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
}
