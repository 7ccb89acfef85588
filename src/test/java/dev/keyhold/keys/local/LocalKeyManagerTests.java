package dev.keyhold.keys.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.KeyManagerContract;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.ManagedKey;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionTemplate;

class LocalKeyManagerTests extends KeyManagerContract {

    @TempDir
    Path dataDir;

    private LocalBackend backend;

    private LocalKeyManager keys;

    @BeforeEach
    void start() {
        this.backend = new LocalBackend(this.dataDir);
        this.keys = this.backend.start();
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
        return Optional.of(this.backend.unseal(id));
    }

    @Test
    void timesGenerationByKeyTypeAndBackendWithAPercentileHistogram() {
        this.keys.create(KeyType.RSA2048);
        this.keys.create(KeyType.RSA2048);

        Timer rsa = this.backend
                .meters
                .get("keyhold.keys.generation")
                .tags("key_type", "rsa2048", "backend", "local")
                .timer();
        Timer ec = this.backend
                .meters
                .get("keyhold.keys.generation")
                .tags("key_type", "p256v1", "backend", "local")
                .timer();
        assertThat(rsa.count()).isEqualTo(2);
        assertThat(rsa.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(ec.count()).isZero();
        assertThat(this.backend.meters.scrape())
                .as("a Prometheus histogram")
                .containsPattern(
                        "keyhold_keys_generation_seconds_bucket\\{backend=\"local\",key_type=\"rsa2048\",le=\"[0-9.]+\"\\} 2");
    }

    @Test
    void storesTheKeyTypeTheSpkiAndTheCurrentKekVersion() {
        ManagedKey key = this.keys.create(KeyType.RSA2048);

        SealedKeyRepository.Row row = this.backend.row(key.id());
        assertThat(row.type()).isEqualTo(KeyType.RSA2048);
        assertThat(this.backend
                        .database
                        .jdbc()
                        .sql("select key_type from sealed_keys where id = ?")
                        .param(key.id().value())
                        .query(String.class)
                        .single())
                .isEqualTo("rsa2048");
        assertThat(row.publicKey()).isEqualTo(key.publicKey().getEncoded());
        assertThat(row.kekVersion()).isEqualTo(1);
    }

    @Test
    void takesTheCreationTimeFromTheClockToTheMicrosecond() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07.123456789Z"), ZoneOffset.UTC);
        LocalKeyManager keys = this.backend.start(this.backend.settings(), clock);

        ManagedKey key = keys.create(KeyType.P256V1);

        assertThat(key.createdAt()).isEqualTo(Instant.parse("2026-03-04T05:06:07.123456Z"));
        assertThat(keys.find(key.id()).orElseThrow().createdAt()).isEqualTo(key.createdAt());
    }
}
