package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyStoreConfigurationException;
import dev.keyhold.keys.KeyUnsealException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * Refuses to start the local backend with a keystore that cannot open the keys already stored: a missing keystore
 * while the database holds sealed keys (a fresh one would silently orphan them), a keystore lacking a KEK version the
 * database uses, or a KEK that does not unseal any of the sampled keys sealed under its version.
 */
final class KekStartupCheck {

    private static final Logger log = LoggerFactory.getLogger(KekStartupCheck.class);

    private static final int SAMPLE = 3;

    /** The one AES block whose encryption under a KEK is that KEK's check value. */
    private static final String CHECK_BLOCK = "Keyhold KEK KCV.";

    private KekStartupCheck() {}

    /** Opens the keystore, creating it (and a password file) only when the database holds no sealed key. */
    static KekStore open(KekSettings settings, SealedKeyRepository repository, SecureRandom random) {
        List<Integer> stored = repository.kekVersions();
        if (!stored.isEmpty() && !Files.exists(settings.keystore())) {
            throw new KeyStoreConfigurationException("The KEK keystore " + settings.keystore()
                    + " does not exist but the database holds keys sealed under KEK version" + plural(stored) + " "
                    + list(stored) + ": restore the keystore that sealed them (and its password), or point "
                    + KekSettings.KEYSTORE_PROPERTY + " at it");
        }
        KekPassword password = KekPassword.resolve(settings, random);
        try {
            return KekStore.openOrCreate(settings.keystore(), password, random);
        } finally {
            password.wipe();
        }
    }

    /** Fails unless every KEK version used in {@code sealed_keys} is in the keystore and opens its keys. */
    static void verifyKeksOpenStoredKeys(KekStore keks, SealedKeyRepository repository, KeySealer sealer) {
        List<Integer> stored = repository.kekVersions();
        List<Integer> missing =
                stored.stream().filter(v -> keks.key(v).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new KeyStoreConfigurationException("The database holds keys sealed under KEK version"
                    + plural(missing) + " " + list(missing) + " but the keystore " + keks.path() + " has only "
                    + keks.all().keySet().stream().map(v -> "kek-" + v).collect(Collectors.joining(", "))
                    + ": restore the keystore that sealed them");
        }
        for (int version : stored) {
            List<SealedKeyRepository.Row> rows = repository.sample(version, SAMPLE);
            List<KeyUnsealException> failures = rows.stream()
                    .map(row -> tryUnseal(row, sealer))
                    .filter(f -> f != null)
                    .toList();
            if (!rows.isEmpty() && failures.size() == rows.size()) {
                throw new KeyStoreConfigurationException(
                        "The kek-" + version + " in the keystore " + keks.path()
                                + " does not unseal the keys sealed under KEK version " + version + " (tried "
                                + rows.size()
                                + ", e.g. key " + rows.get(0).id() + "): restore the keystore that sealed them",
                        failures.get(0));
            }
            failures.forEach(f -> log.error("A stored key is unusable: {}", f.getMessage()));
        }
    }

    /**
     * Fails unless every KEK in the keystore is the one the database knows under its version: records the check value
     * of a version no node has recorded yet, and compares it otherwise. This catches nodes started together on an
     * empty database with different keystores, before either seals a key the other cannot open.
     */
    static void verifyKekChecks(KekStore keks, SealedKeyRepository repository, Clock clock) {
        for (Map.Entry<Integer, SecretKey> kek : keks.all().entrySet()) {
            int version = kek.getKey();
            String myCheck = checkValue(kek.getValue());
            String recordedCheck = repository.kekCheck(version).orElseGet(() -> {
                try {
                    repository.insertKekCheck(version, myCheck, clock.instant());
                    return myCheck;
                } catch (DuplicateKeyException ex) {
                    // another node recorded this version at the same moment; compare with what it wrote
                    return repository.kekCheck(version).orElseThrow(() -> ex);
                }
            });
            if (!sameCheck(recordedCheck, myCheck)) {
                throw new KeyStoreConfigurationException("The kek-" + version + " in the keystore " + keks.path()
                        + " is not the kek-" + version + " this database's other nodes use (its check value differs):"
                        + " give every node the same keystore and password ("
                        + KekSettings.KEYSTORE_PROPERTY + "), or restore the keystore that sealed the keys");
            }
        }
    }

    /**
     * Whether two check values are the same. A check value reveals nothing of its KEK, but it is compared like any
     * other secret-derived value: in constant time.
     */
    static boolean sameCheck(String recordedCheck, String myCheck) {
        return MessageDigest.isEqual(
                recordedCheck.getBytes(StandardCharsets.US_ASCII), myCheck.getBytes(StandardCharsets.US_ASCII));
    }

    /** AES of a fixed block under the KEK, hex: reveals nothing of the KEK, tells two KEKs apart. */
    static String checkValue(SecretKey kek) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, kek);
            byte[] block = aes.doFinal(CHECK_BLOCK.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(block);
        } catch (GeneralSecurityException ex) {
            throw new KeyStoreConfigurationException("cannot compute the check value of a KEK: " + ex.getMessage(), ex);
        }
    }

    private static KeyUnsealException tryUnseal(SealedKeyRepository.Row row, KeySealer sealer) {
        try {
            byte[] pkcs8 = sealer.unseal(row.id(), row.type(), row.kekVersion(), row.publicKey(), row.sealed());
            Arrays.fill(pkcs8, (byte) 0);
            return null;
        } catch (KeyUnsealException ex) {
            return ex;
        }
    }

    private static String plural(List<Integer> versions) {
        return versions.size() == 1 ? "" : "s";
    }

    private static String list(List<Integer> versions) {
        return versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
