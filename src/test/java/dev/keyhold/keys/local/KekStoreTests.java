package dev.keyhold.keys.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyStoreConfigurationException;
import dev.keyhold.keys.KeyType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KekStoreTests {

    private static final byte[] PUBLIC_KEY = {1, 2, 3};

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path temp;

    @Test
    void createsTheDataDirectoryKeystoreAndPasswordFileReadableOnlyByTheOwner() throws Exception {
        Path dataDir = this.temp.resolve("new/data");

        KekStore keks = open(KekSettings.of(dataDir, null, null, null));

        assertThat(keks.currentVersion()).isEqualTo(1);
        assertThat(mode(dataDir.resolve("kek.p12"))).isEqualTo("rw-------");
        assertThat(mode(dataDir.resolve("kek.p12.password"))).isEqualTo("rw-------");
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temp file left behind")
                    .containsExactlyInAnyOrder("kek.p12", "kek.p12.password");
        }
    }

    @Test
    void generatesA32BytePasswordEncodedBase64Url() throws Exception {
        open(KekSettings.of(this.temp, null, null, null));

        String password = Files.readString(this.temp.resolve("kek.p12.password"));
        assertThat(password).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(password)).hasSize(32);
    }

    @Test
    void aSecondStoreOverTheSameFilesUnsealsWhatTheFirstSealed() {
        KekSettings settings = KekSettings.of(this.temp, null, null, null);
        KeyId id = KeyId.random();
        byte[] secret = "a private key encoding".getBytes(StandardCharsets.US_ASCII);
        KeySealer.Sealed sealed =
                new KeySealer(open(settings), this.random).seal(id, KeyType.P256V1, PUBLIC_KEY, secret);

        KeySealer reopened = new KeySealer(open(settings), this.random);

        assertThat(reopened.unseal(id, KeyType.P256V1, sealed.kekVersion(), PUBLIC_KEY, sealed.bytes()))
                .isEqualTo(secret);
    }

    @Test
    void rotationSealsWithANewVersionAndStillUnsealsTheOldOne() throws Exception {
        KekSettings settings = KekSettings.of(this.temp, null, null, null);
        KekStore keks = open(settings);
        KeySealer sealer = new KeySealer(keks, this.random);
        byte[] secret = {42};
        KeyId id = KeyId.random();
        KeySealer.Sealed old = sealer.seal(id, KeyType.RSA2048, PUBLIC_KEY, secret);

        assertThat(keks.rotate(this.random)).isEqualTo(2);
        KeySealer.Sealed current = sealer.seal(id, KeyType.RSA2048, PUBLIC_KEY, secret);

        assertThat(old.kekVersion()).isEqualTo(1);
        assertThat(current.kekVersion()).isEqualTo(2);
        KeySealer reopened = new KeySealer(open(settings), this.random);
        assertThat(reopened.unseal(id, KeyType.RSA2048, 1, PUBLIC_KEY, old.bytes()))
                .isEqualTo(secret);
        assertThat(reopened.unseal(id, KeyType.RSA2048, 2, PUBLIC_KEY, current.bytes()))
                .isEqualTo(secret);
        assertThat(mode(settings.keystore())).isEqualTo("rw-------");
    }

    @Test
    void aWrongPasswordFailsWithTheFix() {
        Path keystore = this.temp.resolve("kek.p12");
        open(new KekSettings(keystore, "the right password", null, this.temp.resolve("unused")));

        assertThatThrownBy(() -> open(new KekSettings(keystore, "a wrong password", null, this.temp.resolve("unused"))))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessage(
                        "The KEK keystore " + keystore + " cannot be opened with the password from KEYHOLD_KEK_PASSWORD"
                                + ": check the password or restore the matching keystore")
                .message()
                .doesNotContain("wrong password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "empty", "jks"})
    void aFileThatIsNotAPkcs12KeystoreFailsWithTheFix(String content) throws Exception {
        Path keystore = this.temp.resolve("kek.p12");
        Files.write(
                keystore,
                switch (content) {
                    case "text" -> "not a keystore".getBytes(StandardCharsets.US_ASCII);
                    case "empty" -> new byte[0];
                    default -> store(KeyStore.getInstance("JKS"), "pw");
                });

        assertThatThrownBy(() -> open(new KekSettings(keystore, "pw", null, this.temp.resolve("unused"))))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith(
                        "keyhold.keys.local.keystore " + keystore + " exists but is not a PKCS#12 keystore");
    }

    @Test
    void aKeystoreWithoutKekEntriesFailsWithTheFix() throws Exception {
        Path keystore = this.temp.resolve("kek.p12");
        Files.write(keystore, store(KeyStore.getInstance("PKCS12"), "pw"));

        assertThatThrownBy(() -> open(new KekSettings(keystore, "pw", null, this.temp.resolve("unused"))))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining("holds no kek-<n> AES key");
    }

    @Test
    void theEnvironmentPasswordWinsAndNoPasswordFileIsWritten() {
        KekSettings settings =
                KekSettings.of(this.temp, null, this.temp.resolve("absent").toString(), "from the environment");

        open(settings);

        assertThat(settings.passwordFile()).doesNotExist();
        assertThat(settings.defaultPasswordFile()).doesNotExist();
    }

    @Test
    void aConfiguredPasswordFileIsReadWithoutItsFinalNewline() throws Exception {
        Path passwordFile = Files.writeString(this.temp.resolve("secret.txt"), "from a file\n");
        open(KekSettings.of(this.temp, null, passwordFile.toString(), null));

        assertThat(this.temp.resolve("kek.p12.password")).doesNotExist();
        assertThat(open(KekSettings.of(this.temp, null, null, "from a file")).currentVersion())
                .isEqualTo(1);
    }

    @Test
    void aMissingConfiguredPasswordFileFailsWithTheFix() {
        Path passwordFile = this.temp.resolve("absent");

        assertThatThrownBy(() -> open(KekSettings.of(this.temp, null, passwordFile.toString(), null)))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith(
                        "keyhold.keys.local.keystore-password-file=" + passwordFile + " does not exist");
        assertThat(this.temp.resolve("kek.p12")).doesNotExist();
    }

    @Test
    void anExistingKeystoreWhosePasswordFileIsGoneFailsWithTheFix() throws Exception {
        KekSettings settings = KekSettings.of(this.temp, null, null, null);
        open(settings);
        Files.delete(settings.defaultPasswordFile());

        assertThatThrownBy(() -> open(settings))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessage("The KEK keystore " + settings.keystore() + " exists but its password file "
                        + settings.defaultPasswordFile()
                        + " does not: restore that file, or set KEYHOLD_KEK_PASSWORD or "
                        + "keyhold.keys.local.keystore-password-file");
        assertThat(settings.defaultPasswordFile())
                .as("no new password generated")
                .doesNotExist();
    }

    @Test
    void settingsNeverShowThePassword() {
        assertThat(KekSettings.of(this.temp, null, null, "hunter2-kek-password"))
                .asString()
                .doesNotContain("hunter2")
                .contains("KEYHOLD_KEK_PASSWORD");
    }

    private KekStore open(KekSettings settings) {
        KekPassword password = KekPassword.resolve(settings, this.random);
        try {
            return KekStore.openOrCreate(settings.keystore(), password, this.random);
        } finally {
            password.wipe();
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static byte[] store(KeyStore keystore, String password) throws Exception {
        keystore.load(null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keystore.store(out, password.toCharArray());
        return out.toByteArray();
    }
}
