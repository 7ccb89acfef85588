package dev.keyhold.keys.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.KeyUnsealException;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.keys.PrivateKeyMaterial;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SealingTests {

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

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void storesNoPartOfThePrivateKeyEncodingInTheClear(KeyType type) {
        KeyId id = this.keys.create(type).id();
        byte[] pkcs8 = this.backend.unseal(id);
        byte[] sealed = this.backend.row(id).sealed();

        assertThat(sealed).hasSize(KeySealer.NONCE_BYTES + pkcs8.length + KeySealer.TAG_BITS / 8);
        for (int i = 0; i + 16 <= pkcs8.length; i++) {
            byte[] window = Arrays.copyOfRange(pkcs8, i, i + 16);
            assertThat(indexOf(sealed, window))
                    .as("16 bytes of the PKCS#8 encoding at offset %d", i)
                    .isNegative();
        }
    }

    @Test
    void givesEveryRecordItsOwnNonce() {
        Set<ByteBuffer> nonces = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            byte[] sealed =
                    this.backend.row(this.keys.create(KeyType.P256V1).id()).sealed();
            nonces.add(ByteBuffer.wrap(Arrays.copyOf(sealed, KeySealer.NONCE_BYTES)));
        }

        assertThat(nonces).hasSize(20);
    }

    @ParameterizedTest(name = "bit 0 of byte {0}")
    @ValueSource(ints = {0, 11, 12, 200, -1}) // nonce, ciphertext, last byte of the tag
    void refusesToUnsealAfterOneFlippedBit(int offset) {
        KeyId id = this.keys.create(KeyType.RSA2048).id();
        byte[] sealed = this.backend.row(id).sealed();
        sealed[offset < 0 ? sealed.length + offset : offset] ^= 1;
        this.backend.set(id, "sealed", sealed);

        assertThatThrownBy(() -> this.keys.signer(id))
                .isInstanceOf(KeyUnsealException.class)
                .hasMessageStartingWith("cannot unseal key " + id + ": authentication tag mismatch");
    }

    @Test
    void refusesSealedBytesSwappedBetweenRows() {
        KeyId first = this.keys.create(KeyType.P256V1).id();
        KeyId second = this.keys.create(KeyType.P256V1).id();
        byte[] firstSealed = this.backend.row(first).sealed();
        this.backend.set(first, "sealed", this.backend.row(second).sealed());
        this.backend.set(second, "sealed", firstSealed);

        assertThatThrownBy(() -> this.keys.signer(first))
                .isInstanceOf(KeyUnsealException.class)
                .hasMessageContaining(first.value());
        assertThatThrownBy(() -> this.keys.signer(second))
                .isInstanceOf(KeyUnsealException.class)
                .hasMessageContaining(second.value());
    }

    @Test
    void refusesAKeyCopiedWholeIntoAnotherRow() {
        KeyId original = this.keys.create(KeyType.P256V1).id();
        KeyId copy = this.keys.create(KeyType.P256V1).id();
        SealedKeyRepository.Row row = this.backend.row(original);
        this.backend.set(copy, "public_key", row.publicKey());
        this.backend.set(copy, "sealed", row.sealed());

        assertThatThrownBy(() -> this.keys.signer(copy))
                .isInstanceOf(KeyUnsealException.class)
                .hasMessageContaining("authentication tag mismatch");
        assertThat(this.keys.signer(original)).isNotNull();
    }

    @Test
    void refusesARecordWhosePublicKeyWasReplaced() {
        ManagedKey key = this.keys.create(KeyType.P256V1);
        this.backend.set(
                key.id(),
                "public_key",
                this.keys.create(KeyType.P256V1).publicKey().getEncoded());

        assertThatThrownBy(() -> this.keys.signer(key.id())).isInstanceOf(KeyUnsealException.class);
    }

    @Test
    void refusesARelabelledKeyType() {
        KeyId id = this.keys.create(KeyType.P256V1).id();
        this.backend.set(id, "key_type", KeyType.RSA2048.apiName());

        assertThatThrownBy(() -> this.keys.signer(id))
                .isInstanceOf(KeyUnsealException.class)
                .hasMessageContaining("authentication tag mismatch");
    }

    @Test
    void refusesARelabelledKekVersion() {
        KeyId id = this.keys.create(KeyType.P256V1).id();
        KekStore keks = this.backend.openKeks();
        keks.rotate(new SecureRandom());
        LocalKeyManager restarted = this.backend.start();
        this.backend.set(id, "kek_version", 2);

        assertThatThrownBy(() -> restarted.signer(id))
                .isInstanceOf(KeyUnsealException.class)
                .hasMessageContaining("authentication tag mismatch");
    }

    @Test
    void refusesATruncatedRecord() {
        KeyId id = this.keys.create(KeyType.P256V1).id();
        this.backend.set(id, "sealed", new byte[20]);

        assertThatThrownBy(() -> this.keys.signer(id))
                .isInstanceOf(KeyUnsealException.class)
                .hasMessage("cannot unseal key " + id + ": the sealed record is truncated (20 bytes)");
    }

    @ParameterizedTest
    @EnumSource(names = {"RSA2048", "P256V1"})
    void unsealFailuresNameTheKeyButNoKeyMaterial(KeyType type) {
        KeyId id = this.keys.create(type).id();
        PrivateKeyMaterial material = PrivateKeyMaterial.of(type, this.backend.unseal(id));
        byte[] sealed = this.backend.row(id).sealed();
        sealed[sealed.length / 2] ^= 1;
        this.backend.set(id, "sealed", sealed);

        KeyUnsealException failure = catchThrowableOfType(KeyUnsealException.class, () -> this.keys.signer(id));

        assertThat(failure.getMessage()).contains(id.value());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            material.assertAbsentFrom(t.toString());
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
