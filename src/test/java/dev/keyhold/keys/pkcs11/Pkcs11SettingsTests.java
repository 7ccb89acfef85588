package dev.keyhold.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.keys.KeyStoreConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class Pkcs11SettingsTests {

    @TempDir
    Path dir;

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("keyhold.keys.pkcs11.library", "/usr/lib/softhsm/libsofthsm2.so")
            .withProperty("keyhold.keys.pkcs11.slot", "1506172543")
            .withProperty("KEYHOLD_PKCS11_PIN", "pin-from-env-4711");

    @Test
    void readsTheLibrarySlotAndPinWithoutShowingThePin() {
        Pkcs11Settings settings = Pkcs11Settings.from(this.environment);

        assertThat(settings.library()).isEqualTo(Path.of("/usr/lib/softhsm/libsofthsm2.so"));
        assertThat(settings.slot()).isEqualTo(1506172543L);
        assertThat(settings.slotIndex()).isNull();
        assertThat(settings.pin()).containsExactly("pin-from-env-4711".toCharArray());
        assertThat(settings.slotLine()).isEqualTo("slot = 1506172543");
        assertThat(settings.toString()).doesNotContain("pin-from-env-4711").contains("PIN from KEYHOLD_PKCS11_PIN");
    }

    @Test
    void readsThePinFromAFileWithoutItsLineEnd() throws Exception {
        Path pinFile = Files.writeString(this.dir.resolve("pin"), "pin-from-file\n");
        this.environment.setProperty("KEYHOLD_PKCS11_PIN", "");
        this.environment.setProperty("keyhold.keys.pkcs11.pin-file", pinFile.toString());

        Pkcs11Settings settings = Pkcs11Settings.from(this.environment);

        assertThat(settings.pin()).containsExactly("pin-from-file".toCharArray());
        assertThat(settings.pinSource()).isEqualTo("KEYHOLD_PKCS11_PIN_FILE=" + pinFile);
    }

    @Test
    void selectsTheTokenBySlotIndex() {
        this.environment.setProperty("keyhold.keys.pkcs11.slot", "");
        this.environment.setProperty("keyhold.keys.pkcs11.slot-index", "0");

        assertThat(Pkcs11Settings.from(this.environment).slotLine()).isEqualTo("slotListIndex = 0");
    }

    @Test
    void requiresTheLibrary() {
        this.environment.setProperty("keyhold.keys.pkcs11.library", " ");

        assertThatThrownBy(() -> Pkcs11Settings.from(this.environment))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith("keyhold.keys.backend=pkcs11 requires keyhold.keys.pkcs11.library: set"
                        + " KEYHOLD_PKCS11_LIBRARY");
    }

    @Test
    void requiresExactlyOneOfSlotAndSlotIndex() {
        this.environment.setProperty("keyhold.keys.pkcs11.slot-index", "0");
        assertThatThrownBy(() -> Pkcs11Settings.from(this.environment))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining("exactly one of keyhold.keys.pkcs11.token-label, keyhold.keys.pkcs11.slot and"
                        + " keyhold.keys.pkcs11.slot-index");

        this.environment.setProperty("keyhold.keys.pkcs11.slot-index", "");
        this.environment.setProperty("keyhold.keys.pkcs11.slot", "");
        assertThatThrownBy(() -> Pkcs11Settings.from(this.environment))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining(
                        "set KEYHOLD_PKCS11_TOKEN_LABEL to the token's label, KEYHOLD_PKCS11_SLOT to its" + " slot id");
    }

    @Test
    void refusesASlotThatIsNotANumber() {
        this.environment.setProperty("keyhold.keys.pkcs11.slot", "first");

        assertThatThrownBy(() -> Pkcs11Settings.from(this.environment))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith("keyhold.keys.pkcs11.slot=first is not a whole number");
    }

    @Test
    void selectsTheTokenByLabel() {
        this.environment.setProperty("keyhold.keys.pkcs11.slot", "");
        this.environment.setProperty("keyhold.keys.pkcs11.token-label", "keyhold-production");

        Pkcs11Settings settings = Pkcs11Settings.from(this.environment);

        assertThat(settings.tokenLabel()).isEqualTo("keyhold-production");
        assertThat(settings.slot()).isNull();
        assertThat(settings.toString())
                .isEqualTo("Pkcs11Settings[the token labelled 'keyhold-production' of /usr/lib/softhsm/libsofthsm2.so,"
                        + " PIN from KEYHOLD_PKCS11_PIN]");
    }

    @Test
    void refusesTwoWaysToSelectTheToken() {
        this.environment.setProperty("keyhold.keys.pkcs11.token-label", "keyhold");

        assertThatThrownBy(() -> Pkcs11Settings.from(this.environment))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith(
                        "keyhold.keys.backend=pkcs11 requires exactly one of"
                                + " keyhold.keys.pkcs11.token-label, keyhold.keys.pkcs11.slot and keyhold.keys.pkcs11.slot-index")
                .hasMessageContaining("set KEYHOLD_PKCS11_TOKEN_LABEL");
    }

    @Test
    void requiresAPin() {
        this.environment.setProperty("KEYHOLD_PKCS11_PIN", "");

        assertThatThrownBy(() -> Pkcs11Settings.from(this.environment))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining("set KEYHOLD_PKCS11_PIN_FILE");
    }

    @Test
    void refusesAMissingOrEmptyPinFile() throws Exception {
        this.environment.setProperty("KEYHOLD_PKCS11_PIN", "");
        this.environment.setProperty(
                "keyhold.keys.pkcs11.pin-file", this.dir.resolve("absent").toString());
        assertThatThrownBy(() -> Pkcs11Settings.from(this.environment))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith("cannot read the PKCS#11 PIN file " + this.dir.resolve("absent"));

        Path empty = Files.writeString(this.dir.resolve("empty"), "\n");
        this.environment.setProperty("keyhold.keys.pkcs11.pin-file", empty.toString());
        assertThatThrownBy(() -> Pkcs11Settings.from(this.environment))
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessage("the PKCS#11 PIN file " + empty + " is empty: write the token's user PIN into it");
    }
}
