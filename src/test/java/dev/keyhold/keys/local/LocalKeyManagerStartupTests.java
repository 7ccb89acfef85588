package dev.keyhold.keys.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.keys.KeyStoreConfigurationException;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.ManagedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyManagerStartupTests {

    @TempDir
    Path dataDir;

    private LocalBackend backend;

    @BeforeEach
    void start() {
        this.backend = new LocalBackend(this.dataDir);
    }

    @AfterEach
    void stop() {
        this.backend.close();
    }

    @Test
    void refusesToStartWithAnotherKeystoreOnADatabaseWhoseKekIsRecordedEvenBeforeAnyKeyIsStored(@TempDir Path other) {
        this.backend.start();
        assertThat(this.backend
                        .database
                        .jdbc()
                        .sql("select count(*) from sealed_keys")
                        .query(Long.class)
                        .single())
                .isZero();

        assertThatThrownBy(() -> this.backend.start(KekSettings.of(other, null, null, null), Clock.systemUTC()))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining("is not the kek-1 this database's other nodes use")
                .hasMessageContaining(other.resolve("kek.p12").toString());

        // the keystore that recorded the check value still starts, and signs
        ManagedKey key = this.backend.start().create(KeyType.P256V1);
        assertThat(this.backend.start().signer(key.id())).isNotNull();
    }

    @Test
    void aCheckValueTellsKeksApartAndRevealsNoKeyBytes() {
        KekStore keks = this.backend.openKeks();
        String check = KekStartupCheck.checkValue(keks.current());
        assertThat(check).matches("[0-9a-f]{32}").isEqualTo(KekStartupCheck.checkValue(keks.current()));
        assertThat(check).doesNotContain(HexFormat.of().formatHex(keks.current().getEncoded()));
        keks.rotate(new SecureRandom());
        assertThat(KekStartupCheck.checkValue(this.backend.openKeks().current()))
                .isNotEqualTo(check);
    }

    @Test
    void restartsWithARotatedKeystoreAndSignsWithKeysOfEveryVersion() {
        ManagedKey old = this.backend.start().create(KeyType.P256V1);
        this.backend.openKeks().rotate(new SecureRandom());

        LocalKeyManager restarted = this.backend.start();
        ManagedKey current = restarted.create(KeyType.P256V1);

        assertThat(this.backend.row(old.id()).kekVersion()).isEqualTo(1);
        assertThat(this.backend.row(current.id()).kekVersion()).isEqualTo(2);
        assertThat(restarted.signer(old.id())).isNotNull();
        assertThat(restarted.signer(current.id())).isNotNull();
    }

    @Test
    void failsWhenTheDatabaseUsesAKekVersionTheKeystoreLacks() throws Exception {
        this.backend.start().create(KeyType.P256V1);
        Path before = Files.copy(this.backend.settings().keystore(), this.dataDir.resolve("kek-before-rotation.p12"));
        this.backend.openKeks().rotate(new SecureRandom());
        this.backend.start().create(KeyType.P256V1);
        KekSettings old = KekSettings.of(this.dataDir, before.toString(), null, null);

        assertThatThrownBy(() -> this.backend.start(old, Clock.systemUTC()))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessage("The database holds keys sealed under KEK version 2 but the keystore " + before
                        + " has only kek-1: restore the keystore that sealed them");
    }

    @Test
    void failsWithoutCreatingAnythingWhenTheKeystoreIsMissingButTheDatabaseHoldsKeys() throws Exception {
        this.backend.start().create(KeyType.P256V1);
        Path keystore = this.backend.settings().keystore();
        Files.delete(keystore);
        Files.delete(this.backend.settings().defaultPasswordFile());

        assertThatThrownBy(() -> this.backend.start())
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith(
                        "The KEK keystore " + keystore
                                + " does not exist but the database holds keys sealed under KEK version 1: restore the keystore");
        assertThat(keystore).doesNotExist();
        assertThat(this.backend.settings().defaultPasswordFile()).doesNotExist();
    }

    @Test
    void failsWhenTheKeystoreHoldsAnotherKekOfTheSameVersion(@TempDir Path otherDataDir) {
        this.backend.start().create(KeyType.RSA2048);
        try (LocalBackend other = new LocalBackend(otherDataDir)) {
            other.start(); // a different kek-1, e.g. restored from the wrong backup
        }

        assertThatThrownBy(() -> this.backend.start(KekSettings.of(otherDataDir, null, null, null), Clock.systemUTC()))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith("The kek-1 in the keystore " + otherDataDir.resolve("kek.p12")
                        + " does not unseal the keys sealed under KEK version 1 (tried 1, e.g. key ")
                .hasMessageEndingWith("): restore the keystore that sealed them");
    }

    @Test
    void startsWhenOnlySomeSampledKeysOfAVersionFailToUnseal() {
        LocalKeyManager keys = this.backend.start();
        ManagedKey broken = keys.create(KeyType.P256V1);
        ManagedKey intact = keys.create(KeyType.P256V1);
        this.backend.set(broken.id(), "sealed", this.backend.row(intact.id()).sealed());

        LocalKeyManager restarted = this.backend.start();

        assertThat(restarted.signer(intact.id())).isNotNull();
    }
}
