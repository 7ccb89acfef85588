package dev.keyhold.keys.pkcs11;

import dev.keyhold.keys.KeyStoreConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.springframework.core.env.Environment;

/**
 * Which PKCS#11 token holds the keys and how to log in to it; read it with {@link #from(Environment)} from
 * {@code keyhold.keys.pkcs11.*} and the {@code KEYHOLD_PKCS11_PIN} environment variable. Exactly one of {@code slot},
 * {@code slotIndex} and {@code tokenLabel} is set. The PIN never appears in {@link #toString()} or in any message.
 *
 * @param library the vendor's PKCS#11 module (a shared library)
 * @param slot the token's slot id, or null
 * @param slotIndex the token's position in the library's list of slots with a token, or null
 * @param tokenLabel the token's label (CKA_LABEL of its token info, without the padding), or null
 * @param pinSource where the PIN came from, for messages: the variable's name or the file
 */
public record Pkcs11Settings(
        Path library, Long slot, Integer slotIndex, String tokenLabel, char[] pin, String pinSource) {

    static final String PREFIX = "keyhold.keys.pkcs11.";

    /** The environment variable that holds the user PIN; it wins over a PIN file. */
    public static final String PIN_VARIABLE = "KEYHOLD_PKCS11_PIN";

    public Pkcs11Settings {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(pin, "pin");
        if ((slot != null ? 1 : 0) + (slotIndex != null ? 1 : 0) + (tokenLabel != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("exactly one of slot, slotIndex and tokenLabel");
        }
    }

    /**
     * The settings of a {@code keyhold.keys.backend=pkcs11} node.
     *
     * @throws KeyStoreConfigurationException naming the setting to fix, when one is missing or malformed
     */
    public static Pkcs11Settings from(Environment environment) {
        String library = value(environment, "library");
        if (library == null) {
            throw new KeyStoreConfigurationException("keyhold.keys.backend=pkcs11 requires " + PREFIX + "library:"
                    + " set KEYHOLD_PKCS11_LIBRARY to the token vendor's PKCS#11 module"
                    + " (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so)");
        }
        String slot = value(environment, "slot");
        String slotIndex = value(environment, "slot-index");
        String tokenLabel = value(environment, "token-label");
        if ((slot != null ? 1 : 0) + (slotIndex != null ? 1 : 0) + (tokenLabel != null ? 1 : 0) != 1) {
            throw new KeyStoreConfigurationException("keyhold.keys.backend=pkcs11 requires exactly one of " + PREFIX
                    + "token-label, " + PREFIX + "slot and " + PREFIX + "slot-index: set KEYHOLD_PKCS11_TOKEN_LABEL"
                    + " to the token's label, KEYHOLD_PKCS11_SLOT to its slot id (`pkcs11-tool --module " + library
                    + " -L` lists both) or KEYHOLD_PKCS11_SLOT_INDEX to its position among the slots with a token"
                    + " (0 is the first)");
        }
        String pinFile = value(environment, "pin-file");
        String pinVariable = environment.getProperty(PIN_VARIABLE);
        char[] pin;
        String source;
        if (pinVariable != null && !pinVariable.isEmpty()) {
            pin = pinVariable.toCharArray();
            source = PIN_VARIABLE;
        } else if (pinFile != null) {
            pin = readPin(Path.of(pinFile));
            source = "KEYHOLD_PKCS11_PIN_FILE=" + pinFile;
        } else {
            throw new KeyStoreConfigurationException("keyhold.keys.backend=pkcs11 requires the token's user PIN:"
                    + " set KEYHOLD_PKCS11_PIN_FILE to a file readable only by the service user that holds it"
                    + " (or KEYHOLD_PKCS11_PIN)");
        }
        return new Pkcs11Settings(
                Path.of(library),
                slot == null ? null : number(slot, "slot", Long::parseLong),
                slotIndex == null ? null : number(slotIndex, "slot-index", Integer::parseInt),
                tokenLabel,
                pin,
                source);
    }

    /**
     * The line of a SunPKCS11 configuration that selects the token. SunPKCS11 selects by slot only, so a label is
     * looked up among the library's tokens first ({@link TokenSlots}).
     */
    String slotLine() {
        if (this.tokenLabel != null) {
            return "slot = " + TokenSlots.slotOf(this.library, this.tokenLabel);
        }
        return this.slot != null ? "slot = " + this.slot : "slotListIndex = " + this.slotIndex;
    }

    /** The token as an operator would name it in a message: library and slot or label. */
    String token() {
        String token = this.tokenLabel != null
                ? "the token labelled '" + this.tokenLabel + "'"
                : this.slot != null ? "slot " + this.slot : "slot index " + this.slotIndex;
        return token + " of " + this.library;
    }

    private static char[] readPin(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException ex) {
            throw new KeyStoreConfigurationException(
                    "cannot read the PKCS#11 PIN file " + file + " ("
                            + ex.getClass().getSimpleName() + "): set KEYHOLD_PKCS11_PIN_FILE to a file readable by"
                            + " the service user",
                    ex);
        }
        try {
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new KeyStoreConfigurationException(
                        "the PKCS#11 PIN file " + file + " is empty: write the token's user PIN into it");
            }
            return text.toCharArray();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static <T> T number(String value, String name, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (NumberFormatException ex) {
            throw new KeyStoreConfigurationException(
                    PREFIX + name + "=" + value + " is not a whole number: set it like 0 or 1506172543");
        }
    }

    private static String value(Environment environment, String name) {
        String value = environment.getProperty(PREFIX + name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() { // NOTE: never the PIN itself
        return "Pkcs11Settings[" + token() + ", PIN from " + this.pinSource + "]";
    }
}
