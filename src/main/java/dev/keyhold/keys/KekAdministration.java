package dev.keyhold.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The operator's KEK commands on the local key backend ({@code java -jar keyhold.jar kek ...}): status, rotation to a
 * new key-encryption key, retirement of an old one, and a check that every stored key still opens and signs. Get one
 * from {@link KeysConfiguration#kekAdministration}; nothing it returns or reports contains key material or the
 * keystore password.
 */
public interface KekAdministration {

    /** What the keystore and the database hold. */
    Status status();

    /**
     * Adds a new KEK and re-seals every local key under it, or resumes the rotation in progress; reports nothing to do
     * when the last rotation is complete, unless {@code options.startNew()}. Safe while servers keep serving.
     */
    RotationResult rotate(RotationOptions options, Consumer<String> progress);

    /**
     * Removes an old KEK from the keystore.
     *
     * @throws KekInUseException when a stored key (pooled ones included) or a rotation in progress still needs it, or
     *     it is the newest
     * @throws KekNotFoundException when the keystore does not hold it
     */
    void retire(int version);

    /** Unseals every local key, signs a test message with it and verifies that with the key's public half. */
    Verification verify(Consumer<String> progress);

    /**
     * @param keystore the keystore's path
     * @param passwordSource where its password came from (a variable or file name, never the password)
     * @param newest the KEK that seals new keys
     */
    record Status(
            String keystore,
            String passwordSource,
            int newest,
            List<VersionStatus> versions,
            Optional<RotationStatus> rotation) {}

    /**
     * One KEK version as the keystore and the database know it.
     *
     * @param recorded whether the database holds its check value
     * @param keys local keys sealed under it, pooled ones included
     */
    record VersionStatus(int version, boolean inKeystore, boolean recorded, long keys, long pooled) {}

    /** The last rotation; {@code completedAt} is null and {@code remaining} counts the keys left while in progress. */
    record RotationStatus(int version, Instant startedAt, Instant completedAt, long remaining) {}

    /**
     * @param batchSize keys re-sealed per transaction
     * @param maxBatches stop after this many batches (the rotation stays in progress, and resumes on the next run); -1
     *     for no limit
     * @param pause wait between batches, to spare the database
     * @param settle how long after the new KEK is recorded the rotation keeps looking for keys that servers sealed
     *     under the old one before they noticed the new one
     * @param startNew start another rotation even though the last one is complete
     */
    record RotationOptions(int batchSize, int maxBatches, Duration pause, Duration settle, boolean startNew) {

        /** How long a server may take to notice a new KEK, with a margin for keys being stored right then. */
        public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);

        public RotationOptions {
            if (batchSize < 1) {
                throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
            }
        }
    }

    /** How a {@code kek rotate} run ended. */
    enum Outcome {
        /** The last rotation was already complete; no KEK was added. */
        NOTHING_TO_DO,
        /** Every local key is sealed under {@code version}. */
        COMPLETED,
        /** The batch limit was reached; the rotation is still in progress. */
        STOPPED
    }

    /**
     * @param added whether this run added the KEK (false when it resumed a rotation or had nothing to do)
     * @param resealed keys this run re-sealed
     * @param remaining keys still sealed under an older KEK
     */
    record RotationResult(Outcome outcome, int version, boolean added, long resealed, int batches, long remaining) {}

    /** Keys checked, and one line (key id and reason, no key material) per key that failed. */
    record Verification(long checked, List<String> failures) {}
}
