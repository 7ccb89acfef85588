package dev.keyhold.keys.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.keyhold.keys.KeyStoreConfigurationException;
import dev.keyhold.support.SoftHsm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A PKCS#11 node with a wrong library, slot or PIN refuses to start, says what to fix, and never shows the PIN. */
@ExtendWith(OutputCaptureExtension.class)
class Pkcs11StartupTests {

    private static final String WRONG_PIN = "wrong-pin-93817265";

    @TempDir
    Path dir;

    @Test
    void refusesALibraryThatDoesNotExist() {
        Throwable failure = open(new Pkcs11Settings(
                this.dir.resolve("libvendor.so"),
                SoftHsm.keysToken().slot(),
                null,
                null,
                "1".toCharArray(),
                "the test"));

        assertThat(failure)
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining("libvendor.so does not exist")
                .hasMessageContaining("KEYHOLD_PKCS11_LIBRARY");
    }

    @Test
    void refusesAFileThatIsNotAPkcs11Library() throws Exception {
        Path notALibrary = Files.writeString(this.dir.resolve("libnot.so"), "not a shared library");

        Throwable failure = open(new Pkcs11Settings(notALibrary, 1L, null, null, "1".toCharArray(), "the test"));

        assertThat(failure)
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith("cannot open slot 1 of " + notALibrary)
                .hasMessageContaining("Check KEYHOLD_PKCS11_LIBRARY");
    }

    @Test
    void refusesASlotWithoutAToken() {
        Throwable failure =
                open(new Pkcs11Settings(SoftHsm.library(), 4242L, null, null, "1".toCharArray(), "the test"));

        assertThat(failure)
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining("slot 4242 of " + SoftHsm.library())
                .hasMessageContaining("KEYHOLD_PKCS11_SLOT");
    }

    @Test
    void refusesASlotIndexPastTheLastToken() {
        Throwable failure = open(new Pkcs11Settings(SoftHsm.library(), null, 17, null, "1".toCharArray(), "the test"));

        assertThat(failure)
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining("slot index 17 of " + SoftHsm.library());
    }

    @Test
    void refusesAWrongPinWithoutShowingItAnywhere(CapturedOutput output) {
        SoftHsm.Token token = SoftHsm.loginToken();

        Throwable failure = open(new Pkcs11Settings(
                SoftHsm.library(), token.slot(), null, null, WRONG_PIN.toCharArray(), "KEYHOLD_PKCS11_PIN"));

        assertThat(failure)
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessage("the token in slot " + token.slot() + " of " + SoftHsm.library()
                        + " refused the user PIN from KEYHOLD_PKCS11_PIN: put the token's user PIN there (not the SO"
                        + " PIN)");
        assertThat(everything(failure)).doesNotContain(WRONG_PIN);
        assertThat(output.getAll()).doesNotContain(WRONG_PIN);
    }

    @Test
    void namesThePinFileAndNotThePinWhenTheTokenRefusesIt(CapturedOutput output) throws Exception {
        SoftHsm.Token token = SoftHsm.loginToken();
        Path pinFile = Files.writeString(this.dir.resolve("pin"), WRONG_PIN + "\n");
        Pkcs11Settings settings = Pkcs11Settings.from(new org.springframework.mock.env.MockEnvironment()
                .withProperty("keyhold.keys.pkcs11.library", SoftHsm.library().toString())
                .withProperty("keyhold.keys.pkcs11.slot", String.valueOf(token.slot()))
                .withProperty("keyhold.keys.pkcs11.pin-file", pinFile.toString()));

        Throwable failure = open(settings);

        assertThat(failure)
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageContaining("refused the user PIN from KEYHOLD_PKCS11_PIN_FILE=" + pinFile);
        assertThat(everything(failure)).doesNotContain(WRONG_PIN);
        assertThat(settings.toString()).doesNotContain(WRONG_PIN);
        assertThat(output.getAll()).doesNotContain(WRONG_PIN);
    }

    @Test
    void opensTheTokenWithTheGivenLabelWhateverItsSlot() throws Exception {
        SoftHsm.Token keys = SoftHsm.keysToken();
        SoftHsm.Token login = SoftHsm.loginToken();

        assertThat(TokenSlots.slotOf(SoftHsm.library(), keys.label())).isEqualTo(keys.slot());
        assertThat(TokenSlots.slotOf(SoftHsm.library(), login.label())).isEqualTo(login.slot());
        // NOTE: logs in to the keys token only: a login holds for the whole library, and the login token's tests
        // need it logged out
        Pkcs11Token token = Pkcs11Token.open(
                new Pkcs11Settings(
                        SoftHsm.library(), null, null, keys.label(), keys.pin().toCharArray(), "the test"),
                Clock.systemUTC());
        assertThat(token.toString())
                .isEqualTo("the PKCS#11 token in the token labelled '" + keys.label() + "' of " + SoftHsm.library());
    }

    @Test
    void refusesALabelNoTokenHasAndNamesTheLabelsThereAre() {
        SoftHsm.Token keys = SoftHsm.keysToken();

        Throwable failure =
                open(new Pkcs11Settings(SoftHsm.library(), null, null, "no-such-token", "1".toCharArray(), "the test"));

        assertThat(failure)
                .isInstanceOf(KeyStoreConfigurationException.class)
                .hasMessageStartingWith(
                        "no token in " + SoftHsm.library() + " is labelled 'no-such-token'; its tokens" + " are ")
                .hasMessageContaining("'" + keys.label() + "' (slot " + keys.slot() + ")")
                .hasMessageEndingWith("Set KEYHOLD_PKCS11_TOKEN_LABEL to one of them");
    }

    private static Throwable open(Pkcs11Settings settings) {
        return catchThrowable(() -> Pkcs11Token.open(settings, Clock.systemUTC()));
    }

    /** Every message and stack line of the failure and its causes. */
    private static String everything(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
