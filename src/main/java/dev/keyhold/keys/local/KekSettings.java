package dev.keyhold.keys.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the local backend finds its key-encryption keystore and that keystore's password; build it with
 * {@link #of} from {@code keyhold.data-dir}, {@code keyhold.keys.local.keystore},
 * {@code keyhold.keys.local.keystore-password-file} and the {@code KEYHOLD_KEK_PASSWORD} environment variable.
 *
 * @param keystore the PKCS#12 keystore holding the KEKs
 * @param environmentPassword the keystore password from the environment, or null; it wins over any file
 * @param passwordFile the configured password file, or null when none is configured
 * @param defaultPasswordFile the password file generated on first start when neither of the above is set
 */
public record KekSettings(Path keystore, String environmentPassword, Path passwordFile, Path defaultPasswordFile) {

    /** The environment variable that holds the keystore password. */
    public static final String PASSWORD_VARIABLE = "KEYHOLD_KEK_PASSWORD";

    /** The property that names a file holding the keystore password. */
    public static final String PASSWORD_FILE_PROPERTY = "keyhold.keys.local.keystore-password-file";

    /** The property that names the keystore. */
    public static final String KEYSTORE_PROPERTY = "keyhold.keys.local.keystore";

    public KekSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(defaultPasswordFile, "defaultPasswordFile");
    }

    /**
     * Settings from configuration values, where blank means unset: the keystore defaults to
     * {@code <dataDir>/kek.p12} and the generated password file is {@code <dataDir>/kek.p12.password}.
     */
    public static KekSettings of(Path dataDir, String keystore, String passwordFile, String environmentPassword) {
        return new KekSettings(
                isBlank(keystore) ? dataDir.resolve("kek.p12") : Path.of(keystore.strip()),
                isBlank(environmentPassword) ? null : environmentPassword,
                isBlank(passwordFile) ? null : Path.of(passwordFile.strip()),
                dataDir.resolve("kek.p12.password"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() { // NOTE: never the password itself
        return "KekSettings[keystore=" + this.keystore + ", password from "
                + (this.environmentPassword != null
                        ? PASSWORD_VARIABLE
                        : this.passwordFile != null ? this.passwordFile : this.defaultPasswordFile)
                + "]";
    }
}
