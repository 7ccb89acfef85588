package dev.keyhold.keys.local;

import java.time.Duration;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a running server follow {@code kek rotate}: before sealing it asks the database, at most every
 * {@link #INTERVAL}, whether a newer KEK version was recorded, and before unsealing a key that names a version it has
 * not loaded it reads the keystore file again. A version read from the file is used only when its check value matches
 * the one the database recorded for it, so a stale or foreign keystore never seals a key.
 */
final class KekReload {

    /** How stale a server's view of the newest KEK may get; {@code kek rotate} waits longer than this. */
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(KekReload.class);

    private static final long MIN_FILE_READ_GAP_NANOS = Duration.ofSeconds(1).toNanos();

    private final KekStore keks;

    private final SealedKeyRepository repository;

    private volatile long nextCheck = System.nanoTime() + INTERVAL.toNanos();

    private volatile long nextFileRead = System.nanoTime();

    KekReload(KekStore keks, SealedKeyRepository repository) {
        this.keks = keks;
        this.repository = repository;
    }

    /** Starts sealing with a newer KEK once the database records one and the keystore file holds it. */
    void beforeSeal() {
        long now = System.nanoTime();
        if (now - this.nextCheck < 0) {
            return;
        }
        this.nextCheck = now + INTERVAL.toNanos();
        int newest = this.repository.newestKekCheck();
        if (newest > this.keks.currentVersion()) {
            readFile();
            if (this.keks.key(newest).isEmpty()) {
                log.warn(
                        "The database records kek-{} but the keystore {} does not hold it: still sealing with kek-{};"
                                + " give this node the keystore that `kek rotate` wrote",
                        newest,
                        this.keks.path(),
                        this.keks.currentVersion());
            }
        }
    }

    /** Reads the keystore file again when it may hold {@code version}, which a stored key names. */
    void beforeUnseal(int version) {
        if (this.keks.key(version).isEmpty() && System.nanoTime() - this.nextFileRead >= 0) {
            readFile();
        }
    }

    private void readFile() {
        this.nextFileRead = System.nanoTime() + MIN_FILE_READ_GAP_NANOS;
        try {
            this.keks.reload(this::matchesRecordedCheck);
        } catch (RuntimeException ex) {
            // NOTE: the message names the keystore and the fix, never a password or key
            log.warn("Cannot reload the KEK keystore {}: {}", this.keks.path(), ex.getMessage());
        }
    }

    private boolean matchesRecordedCheck(int version, SecretKey kek) {
        String recorded = this.repository.kekCheck(version).orElse(null);
        if (recorded == null) {
            log.warn(
                    "Not using kek-{} of the keystore {}: the database has no check value for it yet",
                    version,
                    this.keks.path());
            return false;
        }
        if (!KekStartupCheck.sameCheck(recorded, KekStartupCheck.checkValue(kek))) {
            log.error(
                    "Not using kek-{} of the keystore {}: it is not the kek-{} the database recorded (its check value"
                            + " differs); give every node the same keystore",
                    version,
                    this.keks.path(),
                    version);
            return false;
        }
        return true;
    }
}
