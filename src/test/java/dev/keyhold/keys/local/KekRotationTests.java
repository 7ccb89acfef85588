package dev.keyhold.keys.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.keys.KekAdministration;
import dev.keyhold.keys.KekAdministration.Outcome;
import dev.keyhold.keys.KekAdministration.RotationOptions;
import dev.keyhold.keys.KekAdministration.RotationResult;
import dev.keyhold.keys.KekInUseException;
import dev.keyhold.keys.KekNotFoundException;
import dev.keyhold.keys.KeyPoolSettings;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.ManagedKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kek rotate} and {@code kek retire} on H2 and PostgreSQL: every stored key, pooled ones included, ends up
 * sealed under the new KEK and still signs, also after the old KEK is gone and the backend restarts.
 */
class KekRotationTests {

    private static final byte[] DATA = "signed after a KEK rotation".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    private LocalBackend backend;

    private final List<LocalKeyManager> started = new ArrayList<>();

    @BeforeEach
    void createBackend() {
        this.backend = new LocalBackend(this.dataDir);
    }

    @AfterEach
    void closeBackend() {
        this.started.forEach(LocalKeyManager::close);
        this.backend.close();
    }

    @Test
    void rotationResealsEveryKeyIncludingPooledOnesUnderANewKekAndEachStillSigns() {
        LocalKeyManager keys = pooled(3);
        List<ManagedKey> created = create(keys, 5);
        created.add(keys.create(KeyType.RSA2048));
        awaitPoolDepth(keys, 3);

        RotationResult result = administration().rotate(options(2, -1), line -> {});

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.version()).isEqualTo(2);
        assertThat(result.added()).isTrue();
        assertThat(result.resealed()).isGreaterThanOrEqualTo(9);
        assertThat(versions()).as("kek_version of every local row").containsOnly(2);
        assertThat(this.backend.openKeks().all()).containsOnlyKeys(1, 2);
        assertThat(recordedChecks()).containsExactly(1, 2);
        LocalKeyManager restarted = start();
        created.forEach(key -> assertSigns(restarted, key));
        assertThat(pooledCount()).as("the pooled keys are still pooled").isGreaterThanOrEqualTo(3);
        for (int i = 0; i < pooledCount(); i++) {
            assertSigns(restarted, restarted.create(KeyType.P256V1));
        }
    }

    @Test
    void theOldKekIsRetiredAndTheBackendRestartsAndSignsWithoutIt() {
        LocalKeyManager keys = pooled(2);
        List<ManagedKey> created = create(keys, 4);
        awaitPoolDepth(keys, 2);
        KekAdministration keks = administration();
        keks.rotate(options(100, -1), line -> {});
        keys.close();

        keks.retire(1);

        assertThat(this.backend.openKeks().all()).containsOnlyKeys(2);
        LocalKeyManager restarted = start();
        created.forEach(key -> assertSigns(restarted, key));
        assertSigns(restarted, restarted.create(KeyType.P256V1)); // a pooled key sealed under kek-1 before
        KekAdministration.Status status = administration().status();
        assertThat(status.newest()).isEqualTo(2);
        assertThat(status.versions())
                .extracting(KekAdministration.VersionStatus::version, KekAdministration.VersionStatus::inKeystore)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(administration().verify(line -> {}).failures()).isEmpty();
    }

    @Test
    void aKekThatStillSealsKeysOrIsTheNewestIsNotRetired() {
        LocalKeyManager keys = pooled(2);
        create(keys, 3);
        awaitPoolDepth(keys, 2);
        KekAdministration keks = administration();
        RotationResult stopped = keks.rotate(options(1, 0), line -> {});
        assertThat(stopped.outcome()).isEqualTo(Outcome.STOPPED);

        assertThatThrownBy(() -> keks.retire(1))
                .isInstanceOf(KekInUseException.class)
                .hasMessageContaining("rotation to kek-2 is still in progress");
        this.backend
                .database
                .jdbc()
                .sql("update kek_rotations set completed_at = started_at")
                .update();
        assertThatThrownBy(() -> keks.retire(1))
                .isInstanceOf(KekInUseException.class)
                .hasMessageMatching("kek-1 still seals [5-9] key\\(s\\), [2-9] of them pooled: run `kek rotate` to"
                        + " re-seal them under kek-2, then retire kek-1");
        assertThatThrownBy(() -> keks.retire(2))
                .isInstanceOf(KekInUseException.class)
                .hasMessageStartingWith("kek-2 is the newest KEK and seals new keys");
        assertThatThrownBy(() -> keks.retire(7))
                .isInstanceOf(KekNotFoundException.class)
                .hasMessageContaining("holds no kek-7 (it holds kek-1, kek-2)");
        assertThat(this.backend.openKeks().all()).containsOnlyKeys(1, 2);
    }

    @Test
    void aRotationStoppedAfterSomeBatchesResumesWithoutAnotherKek() {
        LocalKeyManager keys = start();
        List<ManagedKey> created = create(keys, 7);

        RotationResult first = administration().rotate(options(2, 2), line -> {});

        assertThat(first.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(first.resealed()).isEqualTo(4);
        assertThat(first.remaining()).isEqualTo(3);
        assertThat(versions()).containsExactlyInAnyOrder(1, 1, 1, 2, 2, 2, 2);
        List<String> progress = new ArrayList<>();

        RotationResult resumed = administration().rotate(options(2, -1), progress::add);

        assertThat(resumed.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(resumed.version()).isEqualTo(2);
        assertThat(resumed.added()).as("no second KEK").isFalse();
        assertThat(resumed.resealed()).isEqualTo(3);
        assertThat(progress.get(0)).startsWith("Resuming the rotation to kek-2");
        assertThat(this.backend.openKeks().all()).containsOnlyKeys(1, 2);
        assertThat(versions()).containsOnly(2);
        LocalKeyManager restarted = start();
        created.forEach(key -> assertSigns(restarted, key));
    }

    @Test
    void aCompleteRotationHasNothingToDoUntilANewOneIsAskedFor() {
        create(start(), 2);
        assertThat(administration().rotate(options(10, -1), line -> {}).outcome())
                .isEqualTo(Outcome.COMPLETED);

        RotationResult again = administration().rotate(options(10, -1), line -> {});

        assertThat(again.outcome()).isEqualTo(Outcome.NOTHING_TO_DO);
        assertThat(again.version()).isEqualTo(2);
        assertThat(this.backend.openKeks().all()).containsOnlyKeys(1, 2);
        RotationResult next =
                administration().rotate(new RotationOptions(10, -1, Duration.ZERO, Duration.ZERO, true), line -> {});
        assertThat(next.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(next.version()).isEqualTo(3);
        assertThat(versions()).containsOnly(3);
    }

    @Test
    void aRunningBackendUnsealsKeysResealedUnderAKekItHasNotLoadedAndThenSealsWithIt() throws Exception {
        LocalKeyManager running = start();
        List<ManagedKey> created = create(running, 3);

        administration().rotate(options(10, -1), line -> {});

        assertThat(versions()).containsOnly(2);
        created.forEach(key -> assertSigns(running, key));
        Thread.sleep(KekReload.INTERVAL.toMillis() + 200);
        ManagedKey later = running.create(KeyType.P256V1);
        assertThat(this.backend.row(later.id()).kekVersion()).isEqualTo(2);
    }

    @Test
    void aRotationWhileAnotherThreadCreatesAndClaimsKeysLosesNoKey() throws Exception {
        LocalKeyManager keys = pooled(3);
        List<ManagedKey> created = new CopyOnWriteArrayList<>(create(keys, 6));
        awaitPoolDepth(keys, 3);
        AtomicBoolean rotating = new AtomicBoolean(true);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread creator = new Thread(() -> {
            while (rotating.get()) {
                try {
                    created.add(keys.create(KeyType.P256V1)); // claims pooled keys, and the pool refills
                    Thread.sleep(10);
                } catch (Throwable ex) {
                    failures.add(ex);
                    return;
                }
            }
        });
        creator.start();
        RotationResult result;
        try {
            result = administration()
                    .rotate(
                            new RotationOptions(2, -1, Duration.ofMillis(5), RotationOptions.DEFAULT_SETTLE, false),
                            line -> {});
        } finally {
            rotating.set(false);
            creator.join();
        }

        assertThat(failures)
                .as("creating and claiming keys during the rotation")
                .isEmpty();
        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(created.size()).as("keys created during the rotation").isGreaterThan(10);
        assertThat(versions()).as("every key, also those created meanwhile").containsOnly(2);
        assertThat(this.backend
                        .database
                        .jdbc()
                        .sql("select count(*) from sealed_keys where pooled = false")
                        .query(Integer.class)
                        .single())
                .isEqualTo(created.size());
        keys.close();
        administration().retire(1);
        LocalKeyManager restarted = start();
        created.forEach(key -> assertSigns(restarted, key));
    }

    @Test
    void verificationNamesAKeyThatNoLongerUnsealsWithoutShowingKeyMaterial() {
        List<ManagedKey> created = create(start(), 2);
        byte[] sealed = this.backend.row(created.get(0).id()).sealed();
        sealed[sealed.length - 1] ^= 1;
        this.backend.set(created.get(0).id(), "sealed", sealed);

        KekAdministration.Verification verification = administration().verify(line -> {});

        assertThat(verification.checked()).isEqualTo(2);
        assertThat(verification.failures())
                .singleElement()
                .asString()
                .startsWith("key " + created.get(0).id() + " (kek-1): cannot unseal key")
                .contains("authentication tag mismatch");
    }

    LocalKeyManager start() {
        LocalKeyManager keys = this.backend.start();
        this.started.add(keys);
        return keys;
    }

    /** A backend keeping {@code depth} P-256 keys in its pool. */
    LocalKeyManager pooled(int depth) {
        LocalKeyManager keys =
                this.backend.start(new KeyPoolSettings(true, 1, Map.of(KeyType.P256V1, depth), Duration.ofHours(1)));
        this.started.add(keys);
        keys.poolDepth(KeyType.P256V1);
        return keys;
    }

    KekAdministration administration() {
        return new LocalKekAdministration(
                this.backend.database.dataSource(), this.backend.settings(), Clock.systemUTC());
    }

    static RotationOptions options(int batchSize, int maxBatches) {
        return new RotationOptions(batchSize, maxBatches, Duration.ZERO, Duration.ZERO, false);
    }

    static List<ManagedKey> create(LocalKeyManager keys, int count) {
        List<ManagedKey> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(keys.create(KeyType.P256V1));
        }
        return created;
    }

    /** Signs with the key through the backend and verifies the signature with the key's public half. */
    static void assertSigns(LocalKeyManager keys, ManagedKey key) {
        try {
            ContentSigner signer = keys.signer(key.id());
            signer.getOutputStream().write(DATA);
            byte[] signature = signer.getSignature();
            Signature verifier = Signature.getInstance(key.type().signatureAlgorithm());
            verifier.initVerify(key.publicKey());
            verifier.update(DATA);
            assertThat(verifier.verify(signature))
                    .as("signature of key %s verifies", key.id())
                    .isTrue();
        } catch (Exception ex) {
            throw new AssertionError("key " + key.id() + " does not sign: " + ex, ex);
        }
    }

    void awaitPoolDepth(LocalKeyManager keys, int depth) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (keys.poolDepth(KeyType.P256V1) < depth) {
            assertThat(System.nanoTime()).as("pool filled in time").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
    }

    List<Integer> versions() {
        return this.backend
                .database
                .jdbc()
                .sql("select kek_version from sealed_keys")
                .query(Integer.class)
                .list();
    }

    List<Integer> recordedChecks() {
        return this.backend
                .database
                .jdbc()
                .sql("select kek_version from kek_checks order by kek_version")
                .query(Integer.class)
                .list();
    }

    int pooledCount() {
        return this.backend
                .database
                .jdbc()
                .sql("select count(*) from sealed_keys where pooled = true")
                .query(Integer.class)
                .single();
    }
}
