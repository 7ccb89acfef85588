package dev.keyhold.keys.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the secret files of the local backend (KEK keystore, its password) so that only the owner can ever read
 * them: each is born mode 0600 as a temp file in the target's directory, written, fsynced and then published in one
 * step, so no reader sees a partial file and no window exists with wider permissions.
 */
final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {}

    /**
     * Writes {@code content} to {@code target} unless it already exists.
     * @return false when another process published the file first (the caller must read that one)
     */
    static boolean createNew(Path target, byte[] content) throws IOException {
        Path temp = writeTemp(target, content);
        try {
            // NOTE: link() is atomic and, unlike rename(), fails when the target exists: two instances starting on
            // an empty data directory must not each publish their own KEK.
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException ex) {
            return false;
        } catch (UnsupportedOperationException ex) { // file systems without hard links
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target);
        return true;
    }

    /** Atomically replaces {@code target} with {@code content}. */
    static void replace(Path target, byte[] content) throws IOException {
        Path temp = writeTemp(target, content);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(target);
    }

    /** Creates the directory and its missing parents, new ones mode 0700. */
    static void createDirectories(Path directory) throws IOException {
        if (POSIX) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Logs a warning when a secret file can be read by anyone but its owner. */
    static void warnIfShared(Path file, String what) {
        if (!POSIX) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_READ_WRITE.containsAll(permissions)) {
                log.warn(
                        "The {} {} has mode {}: restrict it to its owner (chmod 600)",
                        what,
                        file,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (IOException ex) {
            log.warn("Cannot read the permissions of the {} {}: {}", what, file, ex.toString());
        }
    }

    private static Path writeTemp(Path target, byte[] content) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        createDirectories(directory);
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(directory, "." + target.getFileName(), ".tmp", attributes);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(temp);
            throw ex;
        }
        return temp;
    }

    private static void syncDirectory(Path file) {
        if (!POSIX) {
            return;
        }
        // Makes the new directory entry durable; some file systems refuse, and then the rename is as durable as
        // the platform allows.
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException ex) {
            log.debug("Cannot fsync the directory of {}: {}", file, ex.toString());
        }
    }
}
