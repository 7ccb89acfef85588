package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyStoreConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption keys (KEKs): AES-256 keys kept in a PKCS#12 keystore under the aliases {@code kek-<version>}.
 * The highest version seals new keys; older versions only unseal what they sealed. Opening a missing keystore creates
 * it with {@code kek-1}, mode 0600. Every failure to open it is a {@link KeyStoreConfigurationException} naming the
 * fix.
 */
final class KekStore {

    private static final Logger log = LoggerFactory.getLogger(KekStore.class);

    private static final Pattern ALIAS = Pattern.compile("kek-([1-9][0-9]{0,8})");

    // NOTE: explicit, so a JVM configured with keystore.pkcs12.legacy still writes a modern keystore
    private static final String PROTECTION = "PBEWithHmacSHA256AndAES_256";

    private static final byte DER_SEQUENCE = 0x30;

    private final Path path;

    private final char[] password;

    private volatile NavigableMap<Integer, SecretKey> keks;

    private KekStore(Path path, char[] password, NavigableMap<Integer, SecretKey> keks) {
        this.path = path;
        this.password = password.clone();
        this.keks = keks;
    }

    /** Opens the keystore at {@code path}, creating it with a fresh {@code kek-1} when it does not exist. */
    static KekStore openOrCreate(Path path, KekPassword password, SecureRandom random) {
        byte[] bytes = readIfExists(path);
        if (bytes == null) {
            bytes = create(path, password, random);
        }
        KekStore store = new KekStore(path, password.value(), load(path, bytes, password));
        OwnerOnlyFiles.warnIfShared(path, "KEK keystore");
        log.info(
                "KEK keystore {} (password from {}): sealing with kek-{}, unsealing versions {}",
                path,
                password.source(),
                store.currentVersion(),
                store.keks.keySet());
        return store;
    }

    Path path() {
        return this.path;
    }

    int currentVersion() {
        return this.keks.lastKey();
    }

    SecretKey current() {
        return this.keks.lastEntry().getValue();
    }

    Optional<SecretKey> key(int version) {
        return Optional.ofNullable(this.keks.get(version));
    }

    NavigableMap<Integer, SecretKey> all() {
        return Collections.unmodifiableNavigableMap(this.keks);
    }

    /**
     * Opens an existing keystore, for the {@code kek} admin commands: unlike {@link #openOrCreate} a missing file is an
     * error, since a new keystore could open none of the stored keys.
     */
    static KekStore openExisting(Path path, KekPassword password) {
        byte[] bytes = readIfExists(path);
        if (bytes == null) {
            throw missing(path);
        }
        return new KekStore(path, password.value(), load(path, bytes, password));
    }

    /** The error for a keystore that is not there, naming the setting that points at it. */
    static KeyStoreConfigurationException missing(Path path) {
        return new KeyStoreConfigurationException("The KEK keystore " + path + " does not exist: point "
                + KekSettings.KEYSTORE_PROPERTY + " (KEYHOLD_KEK_KEYSTORE) at the keystore the servers use, with its"
                + " password (KEYHOLD_KEK_PASSWORD or KEYHOLD_KEK_PASSWORD_FILE)");
    }

    /**
     * Adds {@code kek-<newest+1>} to the keystore file and seals with it from now on; older versions stay for
     * unsealing. Only one process may write the file at a time; the {@code kek rotate} command serializes on the
     * database.
     */
    synchronized int rotate(SecureRandom random) {
        int next = Math.max(
                        currentVersion(),
                        readFile().keySet().stream().max(Integer::compare).orElse(0))
                + 1;
        add(next, random);
        return next;
    }

    /**
     * Makes sure the keystore file holds {@code kek-<version>}: adopts the one already in the file (another run of the
     * command may have added it), or generates and writes it. Seals with it from now on when it is the newest.
     */
    synchronized SecretKey add(int version, SecureRandom random) {
        NavigableMap<Integer, SecretKey> inFile = readFile();
        SecretKey kek = inFile.get(version);
        if (kek == null) {
            try {
                KeyStore keystore = keystore(Files.readAllBytes(this.path));
                kek = generate(random);
                keystore.setEntry(alias(version), new KeyStore.SecretKeyEntry(kek), protection(this.password));
                OwnerOnlyFiles.replace(this.path, store(keystore, this.password));
            } catch (IOException | GeneralSecurityException ex) {
                throw new KeyStoreConfigurationException(
                        "Cannot add kek-" + version + " to the KEK keystore " + this.path + " ("
                                + ex.getClass().getSimpleName() + "): check that the file is writable and unchanged",
                        ex);
            }
            log.info("Added kek-{} to the KEK keystore {}", version, this.path);
        }
        NavigableMap<Integer, SecretKey> updated = new TreeMap<>(this.keks);
        updated.put(version, kek);
        this.keks = updated;
        return kek;
    }

    /**
     * Reads the keystore file again and starts using each version it holds that this store lacks and {@code accept}
     * approves (its check value matches the database's); versions already loaded are kept even when the file no longer
     * has them. For a running server meeting a KEK version added by {@code kek rotate}.
     *
     * @return whether a version was added
     */
    synchronized boolean reload(BiPredicate<Integer, SecretKey> accept) {
        NavigableMap<Integer, SecretKey> updated = new TreeMap<>(this.keks);
        boolean added = false;
        for (Map.Entry<Integer, SecretKey> kek : readFile().entrySet()) {
            if (!updated.containsKey(kek.getKey()) && accept.test(kek.getKey(), kek.getValue())) {
                updated.put(kek.getKey(), kek.getValue());
                added = true;
            }
        }
        if (added) {
            this.keks = updated;
            log.info(
                    "Reloaded the KEK keystore {}: sealing with kek-{}, unsealing versions {}",
                    this.path,
                    updated.lastKey(),
                    updated.keySet());
        }
        return added;
    }

    /**
     * Removes {@code kek-<version>} from the keystore file (and this store), which must hold a newer one.
     *
     * @return the file as it was, for {@link #restore} should the caller find the version still in use
     */
    synchronized byte[] remove(int version) {
        if (version >= currentVersion()) {
            throw new IllegalArgumentException("kek-" + version + " is the newest KEK");
        }
        try {
            byte[] before = Files.readAllBytes(this.path);
            KeyStore keystore = keystore(before);
            keystore.deleteEntry(alias(version));
            OwnerOnlyFiles.replace(this.path, store(keystore, this.password));
            NavigableMap<Integer, SecretKey> updated = new TreeMap<>(this.keks);
            updated.remove(version);
            this.keks = updated;
            return before;
        } catch (IOException | GeneralSecurityException ex) {
            throw new KeyStoreConfigurationException(
                    "Cannot remove kek-" + version + " from the KEK keystore " + this.path + " ("
                            + ex.getClass().getSimpleName() + "): check that the file is writable and unchanged",
                    ex);
        }
    }

    /** Writes back the file {@link #remove} returned, and loads the versions it holds. */
    synchronized void restore(byte[] file) {
        try {
            OwnerOnlyFiles.replace(this.path, file);
        } catch (IOException ex) {
            throw new KeyStoreConfigurationException(
                    "Cannot restore the KEK keystore " + this.path + " ("
                            + ex.getClass().getSimpleName() + "): restore it from your backup",
                    ex);
        }
        reload((version, kek) -> true);
    }

    private NavigableMap<Integer, SecretKey> readFile() {
        byte[] bytes = readIfExists(this.path);
        if (bytes == null) {
            throw missing(this.path);
        }
        return load(this.path, bytes, this.password, "the password this process opened it with");
    }

    private KeyStore keystore(byte[] bytes) throws IOException, GeneralSecurityException {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(new ByteArrayInputStream(bytes), this.password);
        return keystore;
    }

    private static byte[] create(Path path, KekPassword password, SecureRandom random) {
        try {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(null, null);
            keystore.setEntry(alias(1), new KeyStore.SecretKeyEntry(generate(random)), protection(password.value()));
            byte[] bytes = store(keystore, password.value());
            if (OwnerOnlyFiles.createNew(path, bytes)) {
                log.warn(
                        "Created the KEK keystore {} with kek-1 (password from {}): back up both, keys sealed "
                                + "under it cannot be recovered without them",
                        path,
                        password.source());
                return bytes;
            }
            return Files.readAllBytes(path); // another instance created it first: use theirs
        } catch (IOException | GeneralSecurityException ex) {
            throw new KeyStoreConfigurationException(
                    "Cannot create the KEK keystore " + path + " ("
                            + ex.getClass().getSimpleName() + "): make its directory writable, or set "
                            + KekSettings.KEYSTORE_PROPERTY + " to a writable location",
                    ex);
        }
    }

    private static NavigableMap<Integer, SecretKey> load(Path path, byte[] bytes, KekPassword password) {
        return load(path, bytes, password.value(), password.source());
    }

    private static NavigableMap<Integer, SecretKey> load(Path path, byte[] bytes, char[] password, String source) {
        if (bytes.length == 0 || bytes[0] != DER_SEQUENCE) { // NOTE: the JDK's PKCS12 type silently opens JKS files
            throw notPkcs12(path, null);
        }
        KeyStore keystore;
        try {
            keystore = KeyStore.getInstance("PKCS12");
            keystore.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException ex) {
            if (ex.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyStoreConfigurationException(
                        "The KEK keystore " + path
                                + " cannot be opened with the password from " + source
                                + ": check the password or restore the matching keystore",
                        ex);
            }
            throw notPkcs12(path, ex);
        } catch (GeneralSecurityException ex) {
            throw notPkcs12(path, ex);
        }
        NavigableMap<Integer, SecretKey> keks = new TreeMap<>();
        try {
            for (String alias : Collections.list(keystore.aliases())) {
                Matcher matcher = ALIAS.matcher(alias);
                if (matcher.matches()) {
                    Key key = keystore.getKey(alias, password);
                    keks.put(Integer.parseInt(matcher.group(1)), aes256(path, alias, key));
                } else {
                    log.debug("Ignoring the entry {} of the KEK keystore {}", alias, path);
                }
            }
        } catch (GeneralSecurityException ex) {
            throw new KeyStoreConfigurationException(
                    "The entries of the KEK keystore " + path
                            + " cannot be read with the keystore password: protect each kek-<n> entry with the keystore "
                            + "password, or restore the keystore Keyhold created",
                    ex);
        }
        if (keks.isEmpty()) {
            throw new KeyStoreConfigurationException("The KEK keystore " + path + " holds no kek-<n> AES key: restore "
                    + "the keystore Keyhold created, or move this file away so a new one is created");
        }
        return keks;
    }

    private static SecretKey aes256(Path path, String alias, Key key) {
        boolean ok = false;
        if (key instanceof SecretKey secret && "AES".equalsIgnoreCase(secret.getAlgorithm())) {
            byte[] encoded = secret.getEncoded();
            ok = encoded != null && encoded.length == 32;
            if (encoded != null) {
                Arrays.fill(encoded, (byte) 0);
            }
        }
        if (!ok) {
            throw new KeyStoreConfigurationException("The entry " + alias + " of the KEK keystore " + path
                    + " is not an AES-256 secret key: restore the keystore Keyhold created");
        }
        return (SecretKey) key;
    }

    private static SecretKey generate(SecureRandom random) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        return generator.generateKey();
    }

    private static byte[] store(KeyStore keystore, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keystore.store(out, password);
        return out.toByteArray();
    }

    private static KeyStore.PasswordProtection protection(char[] password) {
        return new KeyStore.PasswordProtection(password, PROTECTION, null);
    }

    private static String alias(int version) {
        return "kek-" + version;
    }

    private static byte[] readIfExists(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException ex) {
            return null;
        } catch (IOException ex) {
            throw new KeyStoreConfigurationException(
                    "Cannot read the KEK keystore " + path + " ("
                            + ex.getClass().getSimpleName() + "): make it readable by the Keyhold user",
                    ex);
        }
    }

    private static KeyStoreConfigurationException notPkcs12(Path path, Exception cause) {
        return new KeyStoreConfigurationException(
                KekSettings.KEYSTORE_PROPERTY + " " + path
                        + " exists but is not a PKCS#12 keystore: point it at the keystore Keyhold created, or move this "
                        + "file away so a new one is created",
                cause);
    }
}
