package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyStoreConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The KEK keystore password and where it came from: {@code KEYHOLD_KEK_PASSWORD}, else the configured password
 * file, else {@code <data-dir>/kek.p12.password}, generated (32 random bytes, base64url, mode 0600) when neither
 * that file nor the keystore exists yet. The caller must {@link #wipe()} it once the keystore is loaded.
 */
final class KekPassword {

    private final char[] value;

    private final String source;

    private KekPassword(char[] value, String source) {
        this.value = value;
        this.source = source;
    }

    static KekPassword resolve(KekSettings settings, SecureRandom random) {
        if (settings.environmentPassword() != null) {
            return new KekPassword(settings.environmentPassword().toCharArray(), KekSettings.PASSWORD_VARIABLE);
        }
        if (settings.passwordFile() != null) {
            Path file = settings.passwordFile();
            return read(
                    file,
                    KekSettings.PASSWORD_FILE_PROPERTY + "=" + file,
                    KekSettings.PASSWORD_FILE_PROPERTY + "=" + file
                            + " does not exist: create it holding the keystore password, or unset it to use "
                            + settings.defaultPasswordFile());
        }
        Path file = settings.defaultPasswordFile();
        String source = "the password file " + file;
        if (Files.exists(file) || Files.exists(settings.keystore())) {
            return read(
                    file,
                    source,
                    "The KEK keystore " + settings.keystore() + " exists but its password file "
                            + file + " does not: restore that file, or set " + KekSettings.PASSWORD_VARIABLE + " or "
                            + KekSettings.PASSWORD_FILE_PROPERTY);
        }
        return generate(file, source, random);
    }

    /** Where the password came from, safe to show: a variable or file name. */
    String source() {
        return this.source;
    }

    /** The password itself; never log or keep it. */
    char[] value() {
        return this.value;
    }

    void wipe() {
        Arrays.fill(this.value, '\0');
    }

    private static KekPassword generate(Path file, String source, SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(secret);
        try {
            if (!OwnerOnlyFiles.createNew(file, encoded)) {
                return read(file, source, "The password file " + file + " vanished while it was being created");
            }
            return new KekPassword(new String(encoded, StandardCharsets.US_ASCII).toCharArray(), source);
        } catch (IOException ex) {
            throw new KeyStoreConfigurationException(
                    "Cannot create the KEK keystore password file " + file + " (" + ex
                            + "): make its directory writable, or set " + KekSettings.PASSWORD_VARIABLE,
                    ex);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static KekPassword read(Path file, String source, String missingMessage) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException ex) {
            throw new KeyStoreConfigurationException(missingMessage, ex);
        } catch (IOException ex) {
            throw new KeyStoreConfigurationException(
                    "Cannot read the KEK keystore password from " + file + " ("
                            + ex.getClass().getSimpleName() + "): make it readable by the Keyhold user",
                    ex);
        }
        OwnerOnlyFiles.warnIfShared(file, "KEK keystore password file");
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        int end = chars.limit();
        while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
            end--; // editors add a final newline; it is not part of the password
        }
        char[] value = new char[end];
        chars.get(value);
        Arrays.fill(chars.array(), '\0');
        if (value.length == 0) {
            throw new KeyStoreConfigurationException(
                    "The KEK keystore password file " + file + " is empty: put the keystore password in it");
        }
        return new KekPassword(value, source);
    }
}
