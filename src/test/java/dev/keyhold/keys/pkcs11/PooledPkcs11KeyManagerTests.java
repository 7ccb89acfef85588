package dev.keyhold.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.KeyManagerContract;
import dev.keyhold.keys.KeyPoolSettings;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.ManagedKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** The contract again with a pool on the token that refills while the tests create, claim, roll back and destroy. */
class PooledPkcs11KeyManagerTests extends KeyManagerContract {

    private Pkcs11Backend backend;

    private Pkcs11KeyManager keys;

    @BeforeEach
    void start() {
        this.backend = new Pkcs11Backend();
        this.keys = this.backend.start(
                new KeyPoolSettings(true, 1, Map.of(KeyType.RSA2048, 1, KeyType.P256V1, 2), Duration.ofHours(1)),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
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
        return Optional.empty();
    }

    @Test
    void pooledKeysAreTokenObjectsAndEachIsClaimedOnce() throws Exception {
        awaitDepth(KeyType.P256V1, 2);
        List<KeyId> pooled = pooled(KeyType.P256V1);
        assertThat(pooled).hasSize(2).allSatisfy(id -> assertThat(this.backend.onToken(id))
                .isPresent());

        ManagedKey first = this.keys.create(KeyType.P256V1);
        ManagedKey second = this.keys.create(KeyType.P256V1);

        assertThat(List.of(first.id(), second.id())).containsExactlyInAnyOrderElementsOf(pooled);
        assertThat(this.backend.onToken(first.id()).orElseThrow().toString())
                .contains("token object, sensitive, unextractable");
        awaitDepth(KeyType.P256V1, 2);
        assertThat(pooled(KeyType.P256V1)).doesNotContain(first.id(), second.id());
    }

    private List<KeyId> pooled(KeyType type) {
        return this.backend
                .database
                .jdbc()
                .sql("select id from sealed_keys where pooled = true and key_type = ?")
                .param(type.apiName())
                .query(String.class)
                .list()
                .stream()
                .map(id -> new KeyId(id.strip()))
                .toList();
    }

    private void awaitDepth(KeyType type, int depth) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (this.keys.poolDepth(type) < depth && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(this.keys.poolDepth(type)).isEqualTo(depth);
    }
}
