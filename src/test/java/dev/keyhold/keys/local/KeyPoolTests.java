package dev.keyhold.keys.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyNotFoundException;
import dev.keyhold.keys.KeyPool;
import dev.keyhold.keys.KeyPoolSettings;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.ManagedKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local backend's key pool on the real database (H2, and PostgreSQL in the postgres run) with real keys. */
class KeyPoolTests {

    @TempDir
    Path dataDir;

    private LocalBackend backend;

    private final List<LocalKeyManager> started = new ArrayList<>();

    @BeforeEach
    void open() {
        this.backend = new LocalBackend(this.dataDir);
    }

    @AfterEach
    void close() {
        this.started.forEach(LocalKeyManager::close);
        this.backend.close();
    }

    @Test
    void createTakesAPooledKeyWhoseCsrVerifies() throws Exception {
        fill(0, 3);
        Set<String> pooled = pooledIds();
        LocalKeyManager keys = consumer(0, 3);
        Instant before = Instant.now().minusSeconds(1);

        ManagedKey key = keys.create(KeyType.P256V1);

        assertThat(pooled).contains(key.id().value());
        assertThat(keys.poolDepth(KeyType.P256V1)).isEqualTo(2);
        assertThat(key.createdAt()).as("stamped when claimed").isAfter(before);
        assertThat(keys.find(key.id()).orElseThrow().createdAt()).isEqualTo(key.createdAt());
        assertThat(claims("hit", "p256v1")).isEqualTo(1);
        assertThat(claims("miss", "p256v1")).isZero();
        SubjectPublicKeyInfo spki =
                SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded());
        PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(
                        new X500Name("C=US, O=Example Inc, CN=pool.example.com"), spki)
                .build(keys.signer(key.id()));
        assertThat(new PKCS10CertificationRequest(csr.getEncoded())
                        .isSignatureValid(new JcaContentVerifierProviderBuilder()
                                .setProvider("BC")
                                .build(spki)))
                .isTrue();
    }

    @Test
    void generatesInlineAndCountsAMissWhenThePoolIsEmpty() {
        LocalKeyManager keys = consumer(2, 2);

        ManagedKey rsa = keys.create(KeyType.RSA2048);

        assertThat(keys.find(rsa.id())).isPresent();
        assertThat(claims("miss", "rsa2048")).isEqualTo(1);
        assertThat(claims("hit", "rsa2048")).isZero();
        assertThat(keys.poolDepth(KeyType.RSA2048)).isZero();
    }

    @Test
    void pooledKeysAreInvisibleToFindSignerAndDestroyUntilClaimed() {
        fill(0, 2);
        LocalKeyManager keys = consumer(0, 2);

        for (String id : pooledIds()) {
            KeyId pooled = new KeyId(id);
            assertThat(keys.find(pooled)).isEmpty();
            assertThatThrownBy(() -> keys.signer(pooled)).isInstanceOf(KeyNotFoundException.class);
            assertThatCode(() -> keys.destroy(pooled)).doesNotThrowAnyException();
        }
        assertThat(keys.poolDepth(KeyType.P256V1)).isEqualTo(2);
    }

    @Test
    void handsEachPooledKeyOutExactlyOnceAcrossThreadsAndTwoNodes() throws Exception {
        int generated = 40;
        fill(0, generated);
        Set<String> pooled = pooledIds();
        assertThat(pooled).hasSize(generated);
        List<LocalKeyManager> nodes = List.of(consumer(0, generated), consumer(0, generated));
        int threads = 8;
        int perThread = 7; // 56 creations for 40 pooled keys: the pool runs dry under contention
        CyclicBarrier start = new CyclicBarrier(threads);
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LocalKeyManager node = nodes.get(t % 2);
                boolean inTransaction = t % 4 < 2; // both nodes claim with and without a transaction
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        ManagedKey key = inTransaction
                                ? this.backend.database.transactions().execute(s -> node.create(KeyType.P256V1))
                                : node.create(KeyType.P256V1);
                        ids.add(key.id().value());
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).as("every key handed out once").hasSize(threads * perThread);
        long hits = distinct.stream().filter(pooled::contains).count();
        int remaining = nodes.get(0).poolDepth(KeyType.P256V1);
        assertThat(hits + remaining).as("claimed + remaining = generated").isEqualTo(generated);
        assertThat(claims("hit", "p256v1")).isEqualTo(hits);
        assertThat(claims("miss", "p256v1")).isEqualTo(threads * perThread - hits);
        assertThat(refills("p256v1")).isEqualTo(generated);
    }

    @Test
    void aClaimInARolledBackTransactionReturnsTheKeyToThePool() {
        fill(0, 2);
        LocalKeyManager keys = consumer(0, 2);
        KeyId[] claimed = new KeyId[1];

        this.backend.database.transactions().executeWithoutResult(status -> {
            claimed[0] = keys.create(KeyType.P256V1).id();
            assertThat(keys.find(claimed[0]))
                    .as("in use inside its transaction")
                    .isPresent();
            status.setRollbackOnly();
        });

        assertThat(keys.poolDepth(KeyType.P256V1)).isEqualTo(2);
        assertThat(pooledIds()).contains(claimed[0].value());
        assertThat(keys.find(claimed[0])).isEmpty();
        ManagedKey again = keys.create(KeyType.P256V1);
        assertThat(keys.find(again.id())).isPresent();
        assertThat(keys.poolDepth(KeyType.P256V1)).isEqualTo(1);
    }

    @Test
    void theRefillerFillsEachTypeToItsTargetStopsThereAndStopsOnClose() throws Exception {
        LocalKeyManager keys = this.backend.start(settings(2, 2, 6, Duration.ofHours(1)));
        this.started.add(keys);

        await(() -> keys.poolDepth(KeyType.RSA2048) == 2 && keys.poolDepth(KeyType.P256V1) == 6);
        Thread.sleep(600); // two threads, and nothing more to do
        assertThat(keys.poolDepth(KeyType.RSA2048)).isEqualTo(2);
        assertThat(keys.poolDepth(KeyType.P256V1)).isEqualTo(6);
        assertThat(refills("rsa2048")).isEqualTo(2);
        assertThat(refills("p256v1")).isEqualTo(6);

        // a claim refills once it commits, long before the next periodic check
        this.backend.database.transactions().execute(status -> keys.create(KeyType.P256V1));
        await(() -> refills("p256v1") == 7 && keys.poolDepth(KeyType.P256V1) == 6);

        keys.close();
        assertThat(keys.poolStopped()).isTrue();
        keys.create(KeyType.P256V1);
        Thread.sleep(300);
        assertThat(keys.poolDepth(KeyType.P256V1)).as("no refill after close").isEqualTo(5);
        assertThat(refills("p256v1")).isEqualTo(7);
    }

    @Test
    void refillsPeriodicallyWhatAnotherNodeClaimed() {
        LocalKeyManager refilling = this.backend.start(settings(1, 0, 4, Duration.ofMillis(100)));
        this.started.add(refilling);
        await(() -> refilling.poolDepth(KeyType.P256V1) == 4);
        LocalKeyManager other = consumer(0, 4);

        other.create(KeyType.P256V1);
        other.create(KeyType.P256V1);

        await(() -> refills("p256v1") == 6 && refilling.poolDepth(KeyType.P256V1) == 4);
    }

    @Test
    void exportsDepthRefillsAndClaimsToPrometheus() {
        fill(1, 1);
        LocalKeyManager keys = consumer(1, 1);
        keys.create(KeyType.P256V1);
        keys.create(KeyType.P256V1);

        assertThat(this.backend.meters.scrape())
                .containsPattern("keyhold_keys_pool_depth\\{backend=\"local\",key_type=\"rsa2048\"\\} 1")
                .containsPattern("keyhold_keys_pool_depth\\{backend=\"local\",key_type=\"p256v1\"\\} 0")
                .containsPattern("keyhold_keys_pool_refills_total\\{backend=\"local\",key_type=\"rsa2048\"\\} 1")
                .containsPattern(
                        "keyhold_keys_pool_claims_total\\{backend=\"local\",key_type=\"p256v1\",outcome=\"hit\"\\} 1")
                .containsPattern(
                        "keyhold_keys_pool_claims_total\\{backend=\"local\",key_type=\"p256v1\",outcome=\"miss\"\\} 1");
    }

    /** Fills the pool with a refilling node, then stops it, so the test alone changes the depth. */
    private void fill(int rsa, int ec) {
        LocalKeyManager filler = this.backend.start(settings(1, rsa, ec, Duration.ofHours(1)));
        try {
            await(() -> filler.poolDepth(KeyType.RSA2048) == rsa && filler.poolDepth(KeyType.P256V1) == ec);
        } finally {
            filler.close();
        }
    }

    /** A node that claims pooled keys but never refills. */
    private LocalKeyManager consumer(int rsa, int ec) {
        LocalKeyManager keys = this.backend.start(settings(0, rsa, ec, Duration.ofHours(1)));
        this.started.add(keys);
        return keys;
    }

    private static KeyPoolSettings settings(int threads, int rsa, int ec, Duration interval) {
        return new KeyPoolSettings(true, threads, Map.of(KeyType.RSA2048, rsa, KeyType.P256V1, ec), interval);
    }

    private Set<String> pooledIds() {
        return new HashSet<>(this.backend
                .database
                .jdbc()
                .sql("select id from sealed_keys where pooled = true")
                .query(String.class)
                .list()
                .stream()
                .map(String::strip)
                .toList());
    }

    private double claims(String outcome, String type) {
        return this.backend
                .meters
                .get(KeyPool.CLAIMS)
                .tags("key_type", type, "outcome", outcome)
                .counter()
                .count();
    }

    private double refills(String type) {
        return this.backend
                .meters
                .get(KeyPool.REFILLS)
                .tags("key_type", type)
                .counter()
                .count();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 60 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }
}
