package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyPoolSettings;
import dev.keyhold.keys.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * A local backend over a fresh migrated H2 database and a data directory, with the back doors the tests need:
 * the stored rows, and the unsealed private key read through a second {@link KekStore} over the same files.
 */
final class LocalBackend implements AutoCloseable {

    final Path dataDir;

    final TestDatabase database = TestDatabase.migrated();

    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final SealedKeyRepository repository = new SealedKeyRepository(this.database.jdbc());

    LocalBackend(Path dataDir) {
        this.dataDir = dataDir;
    }

    KekSettings settings() {
        return KekSettings.of(this.dataDir, null, null, null);
    }

    LocalKeyManager start() {
        return start(settings(), Clock.systemUTC());
    }

    LocalKeyManager start(KekSettings settings, Clock clock) {
        return new LocalKeyManager(this.database.dataSource(), settings, this.meters, clock);
    }

    LocalKeyManager start(KeyPoolSettings pool) {
        LocalKeyManager keys =
                new LocalKeyManager(this.database.dataSource(), settings(), pool, this.meters, Clock.systemUTC());
        keys.startPool();
        return keys;
    }

    SealedKeyRepository.Row row(KeyId id) {
        return this.repository.find(id).orElseThrow();
    }

    /** Opens the keystore again, as a restarted process would. */
    KekStore openKeks() {
        SecureRandom random = new SecureRandom();
        KekPassword password = KekPassword.resolve(settings(), random);
        try {
            return KekStore.openOrCreate(settings().keystore(), password, random);
        } finally {
            password.wipe();
        }
    }

    /** The stored private key, unsealed with a second KekStore over the same files. */
    byte[] unseal(KeyId id) {
        SealedKeyRepository.Row row = row(id);
        return new KeySealer(openKeks(), new SecureRandom())
                .unseal(id, row.type(), row.kekVersion(), row.publicKey(), row.sealed());
    }

    void set(KeyId id, String column, Object value) {
        this.database
                .jdbc()
                .sql("update sealed_keys set " + column + " = ? where id = ?")
                .params(value, id.value())
                .update();
    }

    @Override
    public void close() {
        this.database.close();
    }
}
