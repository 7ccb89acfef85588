package dev.keyhold.keys.local;

import dev.keyhold.keys.KekAdministration.Outcome;
import dev.keyhold.keys.KekAdministration.RotationOptions;
import dev.keyhold.keys.KekAdministration.RotationResult;
import dev.keyhold.keys.KeyBackendException;
import dev.keyhold.keys.KeyStoreConfigurationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One run of {@code kek rotate}. It first starts a rotation (adds {@code kek-<n+1>} to the keystore and records its
 * check value) or adopts the one in progress, in a transaction that holds the rotation's row, so two runs never write
 * two different KEKs under one version. Then it re-seals, a batch per transaction, every local key sealed under an
 * older version: rows are locked ({@code for update skip locked}) and updated only if still under the version read,
 * so servers may keep creating, claiming and deleting keys meanwhile. It completes once no such key is left and
 * servers have had {@link RotationOptions#settle()} to notice the new KEK.
 */
final class KekRotation {

    private final KekStore keks;

    private final KeySealer sealer;

    private final SealedKeyRepository keys;

    private final KekRotationRepository rotations;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final SecureRandom random;

    KekRotation(
            KekStore keks,
            KeySealer sealer,
            SealedKeyRepository keys,
            KekRotationRepository rotations,
            TransactionTemplate transactions,
            Clock clock,
            SecureRandom random) {
        this.keks = keks;
        this.sealer = sealer;
        this.keys = keys;
        this.rotations = rotations;
        this.transactions = transactions;
        this.clock = clock;
        this.random = random;
    }

    /** The rotation this run works on. */
    private record Target(int version, Instant startedAt, boolean added, boolean nothingToDo) {}

    RotationResult run(RotationOptions options, Consumer<String> progress) {
        Target target;
        try {
            target = this.transactions.execute(status -> start(options));
        } catch (DuplicateKeyException ex) {
            // another run started the same rotation a moment ago: resume it
            target = this.transactions.execute(status -> start(options));
        }
        if (target.nothingToDo()) {
            return new RotationResult(Outcome.NOTHING_TO_DO, target.version(), false, 0, 0, 0);
        }
        progress.accept((target.added()
                        ? "Added kek-" + target.version() + " to the keystore " + this.keks.path()
                        : "Resuming the rotation to kek-" + target.version() + " started at " + target.startedAt())
                + "; re-sealing " + this.rotations.countOlderThan(target.version()) + " key(s) under it");
        return reseal(target, options, progress);
    }

    private Target start(RotationOptions options) {
        Optional<KekRotationRepository.Rotation> latest = this.rotations.latest();
        int version;
        Instant startedAt;
        boolean added = false;
        boolean finished = latest.isPresent() && latest.get().complete();
        if (latest.isPresent()
                && (!finished
                        || (!options.startNew()
                                && this.keks.currentVersion() <= latest.get().kekVersion()))) {
            version = latest.get().kekVersion();
            startedAt = latest.get().startedAt();
            if (finished && this.rotations.countOlderThan(version) == 0) {
                return new Target(version, startedAt, false, true);
            }
            // in progress, or complete but a server stored keys under the old KEK afterwards: re-seal what is left
            this.rotations.lock(version);
        } else {
            int rotated = latest.map(KekRotationRepository.Rotation::kekVersion).orElse(1);
            startedAt = this.clock.instant();
            if (this.keks.currentVersion() > rotated) {
                // the keystore's newest KEK never became a rotation's target (a run died before recording it): adopt
                version = this.keks.currentVersion();
            } else {
                version = Math.max(Math.max(this.keks.currentVersion(), this.keys.newestKekCheck()), rotated) + 1;
                added = true;
            }
            this.rotations.start(version, startedAt);
        }
        Optional<String> recorded = this.keys.kekCheck(version);
        if (this.keks.key(version).isEmpty()) {
            this.keks.reload((v, kek) -> true);
        }
        if (this.keks.key(version).isEmpty() && recorded.isPresent()) {
            throw new KeyStoreConfigurationException("The database records kek-" + version + " but the keystore "
                    + this.keks.path() + " does not hold it: restore the keystore that `kek rotate` wrote");
        }
        String check = KekStartupCheck.checkValue(this.keks.add(version, this.random));
        if (recorded.isEmpty()) {
            this.keys.insertKekCheck(version, check, this.clock.instant());
        } else if (!KekStartupCheck.sameCheck(recorded.get(), check)) {
            throw new KeyStoreConfigurationException("The kek-" + version + " in the keystore " + this.keks.path()
                    + " is not the kek-" + version + " the database recorded (its check value differs): restore the"
                    + " keystore that `kek rotate` wrote");
        }
        return new Target(version, startedAt, added, false);
    }

    private RotationResult reseal(Target target, RotationOptions options, Consumer<String> progress) {
        int version = target.version();
        Instant settled = target.startedAt().plus(options.settle());
        long resealed = 0;
        int batches = 0;
        long lastReport = System.nanoTime();
        while (true) {
            if (options.maxBatches() >= 0 && batches >= options.maxBatches()) {
                return new RotationResult(
                        Outcome.STOPPED,
                        version,
                        target.added(),
                        resealed,
                        batches,
                        this.rotations.countOlderThan(version));
            }
            Batch batch = this.transactions.execute(status -> resealBatch(version, options.batchSize()));
            if (batch.locked() == 0) {
                long remaining = this.rotations.countOlderThan(version);
                Instant now = this.clock.instant();
                if (remaining == 0 && !now.isBefore(settled)) {
                    break;
                }
                // keys another transaction holds (a claim), or servers that may not have noticed the new KEK yet
                sleep(
                        remaining > 0
                                ? Duration.ofMillis(100)
                                : min(Duration.between(now, settled), Duration.ofMillis(500)));
                continue;
            }
            batches++;
            resealed += batch.resealed();
            if (System.nanoTime() - lastReport > 1_000_000_000L) {
                lastReport = System.nanoTime();
                progress.accept("Re-sealed " + resealed + " key(s) under kek-" + version + ", "
                        + this.rotations.countOlderThan(version) + " left");
            }
            sleep(options.pause());
        }
        this.transactions.executeWithoutResult(status -> this.rotations.complete(version, this.clock.instant()));
        return new RotationResult(Outcome.COMPLETED, version, target.added(), resealed, batches, 0);
    }

    /** Rows a batch locked, and how many of them it re-sealed (a row deleted meanwhile is not). */
    private record Batch(int locked, int resealed) {}

    private Batch resealBatch(int version, int batchSize) {
        List<SealedKeyRepository.Row> rows = this.rotations.lockOlderThan(version, batchSize);
        int done = 0;
        for (SealedKeyRepository.Row row : rows) {
            byte[] pkcs8 = this.sealer.unseal(row.id(), row.type(), row.kekVersion(), row.publicKey(), row.sealed());
            KeySealer.Sealed sealed;
            try {
                sealed = this.sealer.seal(row.id(), row.type(), row.publicKey(), pkcs8);
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
            if (sealed.kekVersion() != version) {
                throw new KeyBackendException(
                        "sealed key " + row.id() + " under kek-" + sealed.kekVersion() + " instead of kek-" + version
                                + ": the keystore changed during the rotation",
                        null);
            }
            if (this.rotations.reseal(row.id(), row.kekVersion(), version, sealed.bytes())) {
                done++;
            }
        }
        return new Batch(rows.size(), done);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rotating the KEK", ex);
        }
    }
}
