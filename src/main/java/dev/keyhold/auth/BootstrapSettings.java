package dev.keyhold.auth;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated {@code keyhold.bootstrap.*} settings and the data directory the generated credentials go to. Blank
 * settings fall back to their defaults; bad ones fail startup with the fix in the message.
 *
 * @param apiKey the operator's Global API Key when configured; empty to generate one
 * @param password the operator's dashboard password when configured; empty to generate one
 */
record BootstrapSettings(
        String email, Optional<String> apiKey, Optional<String> password, String accountName, Path dataDir) {

    static final String DEFAULT_EMAIL = "admin@keyhold.local";

    static final String DEFAULT_ACCOUNT_NAME = "Default account";

    static final int MIN_KEY_LENGTH = 16;

    static final int MAX_KEY_LENGTH = 256;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** Validates the raw settings; null or blank means "use the default". */
    static BootstrapSettings of(String email, String apiKey, String password, String accountName, String dataDir) {
        String e = isBlank(email) ? DEFAULT_EMAIL : Authenticator.normalizeEmail(email);
        if (!EMAIL.matcher(e).matches() || e.length() > 320) {
            throw new InvalidBootstrapSettingsException("KEYHOLD_BOOTSTRAP_EMAIL must be an email address such as "
                    + "admin@example.com (got '" + abbreviate(e) + "'); fix it, or unset it to use " + DEFAULT_EMAIL
                    + " (property keyhold.bootstrap.email).");
        }
        Optional<String> key = isBlank(apiKey) ? Optional.empty() : Optional.of(apiKey.strip());
        key.ifPresent(k -> {
            if (k.length() < MIN_KEY_LENGTH
                    || k.length() > MAX_KEY_LENGTH
                    || k.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidBootstrapSettingsException(
                        "KEYHOLD_BOOTSTRAP_API_KEY must be at least " + MIN_KEY_LENGTH
                                + " characters, at most " + MAX_KEY_LENGTH + ", without whitespace (got " + k.length()
                                + " characters); set a longer random key, e.g. from `openssl rand -hex 20`, or unset it to have "
                                + "Keyhold generate one (property keyhold.bootstrap.api-key).");
            }
        });
        Optional<String> pass = isBlank(password) ? Optional.empty() : Optional.of(password);
        pass.map(Passwords::weakness).ifPresent(weakness -> {
            throw new InvalidBootstrapSettingsException("KEYHOLD_BOOTSTRAP_PASSWORD " + weakness + " (got "
                    + password.length() + " characters); set a longer one, or unset it to have Keyhold generate one "
                    + "into <data dir>/bootstrap-credentials (property keyhold.bootstrap.password).");
        });
        String name = isBlank(accountName) ? DEFAULT_ACCOUNT_NAME : accountName.strip();
        if (isBlank(dataDir)) {
            throw new InvalidBootstrapSettingsException(
                    "KEYHOLD_DATA_DIR must name a directory (property keyhold.data-dir).");
        }
        return new BootstrapSettings(e, key, pass, name, Path.of(dataDir));
    }

    @Override
    public String toString() {
        return "BootstrapSettings[email=" + this.email + ", apiKey="
                + (this.apiKey.isPresent() ? "<set>" : "<generate>") + ", password="
                + (this.password.isPresent() ? "<set>" : "<generate>") + ", accountName=" + this.accountName
                + ", dataDir=" + this.dataDir + "]";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
