package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.KeyManagerContract;
import dev.keyhold.keys.KeyPoolSettings;
import dev.keyhold.keys.KeyType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

/** The contract again, with a key pool that refills while the tests create, claim, roll back and destroy keys. */
class PooledLocalKeyManagerTests extends KeyManagerContract {

    @TempDir
    Path dataDir;

    private LocalBackend backend;

    private LocalKeyManager keys;

    @BeforeEach
    void start() {
        this.backend = new LocalBackend(this.dataDir);
        this.keys = this.backend.start(
                new KeyPoolSettings(true, 1, Map.of(KeyType.RSA2048, 1, KeyType.P256V1, 2), Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        this.keys.close();
        this.backend.close();
    }

    @Override
    protected KeyManager keyManager() {
        return this.keys;
    }

    @Override
    protected TransactionTemplate transactions() {
        return this.backend.database.transactions();
    }

    @Override
    protected Optional<byte[]> storedPrivateKey(KeyId id) {
        return Optional.of(this.backend.unseal(id));
    }
}
