package dev.keyhold.auth;

import dev.keyhold.tenancy.AccountId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * Writes the generated bootstrap credentials to {@code <data-dir>/bootstrap-credentials} as shell-sourceable lines.
 * The file is created with mode 0600 (never readable by others, not even for an instant) and moved into place
 * atomically.
 */
final class CredentialsFile {

    static final String NAME = "bootstrap-credentials";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@._+-]+");

    private CredentialsFile() {}

    /**
     * Writes the file and returns its path.
     *
     * @param apiKey the generated Global API Key, or null when it was configured (then it is not written)
     * @param password the generated dashboard password, or null when it was configured (then it is not written)
     */
    static Path write(Path dataDir, String email, String apiKey, String password, AccountId account) {
        StringBuilder content = new StringBuilder(
                """
                # Keyhold bootstrap credentials: the operator's generated secrets, shown nowhere else.
                # Load them with `set -a; . ./%s; set +a`, keep them somewhere safe, then delete this file.
                # The dashboard is at / : sign in with KEYHOLD_DASHBOARD_EMAIL and KEYHOLD_DASHBOARD_PASSWORD.
                CLOUDFLARE_EMAIL=%s
                """
                        .formatted(NAME, shellValue(email)));
        if (apiKey != null) {
            content.append("CLOUDFLARE_API_KEY=").append(shellValue(apiKey)).append('\n');
        }
        content.append("KEYHOLD_ACCOUNT_ID=").append(account.value()).append('\n');
        content.append("KEYHOLD_DASHBOARD_EMAIL=").append(shellValue(email)).append('\n');
        if (password != null) {
            content.append("KEYHOLD_DASHBOARD_PASSWORD=")
                    .append(shellValue(password))
                    .append('\n');
        }
        Path target = dataDir.resolve(NAME);
        try {
            Files.createDirectories(dataDir);
            Path temp = Files.createTempFile(dataDir, "." + NAME, ".tmp", ownerOnly());
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    "cannot write " + target + "; make keyhold.data-dir (KEYHOLD_DATA_DIR) a " + "writable directory",
                    ex);
        }
        return target;
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }

    private static String shellValue(String value) {
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
