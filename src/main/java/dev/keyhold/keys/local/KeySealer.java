package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyBackendException;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyType;
import dev.keyhold.keys.KeyUnsealException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals private key encodings with AES-256-GCM under the current KEK, as {@code nonce(12) || ciphertext || tag(16)}.
 * The associated data binds each sealed blob to its row: key id, key type, KEK version and the SHA-256 of the stored
 * public key, so a blob copied to another row, relabelled or paired with another public key no longer unseals.
 */
final class KeySealer {

    static final int NONCE_BYTES = 12;

    static final int TAG_BITS = 128;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final String CONTEXT = "keyhold sealed private key v1";

    private final KekStore keks;

    private final SecureRandom random;

    KeySealer(KekStore keks, SecureRandom random) {
        this.keks = keks;
        this.random = random;
    }

    /** A sealed private key and the KEK version that sealed it. */
    record Sealed(int kekVersion, byte[] bytes) {}

    Sealed seal(KeyId id, KeyType type, byte[] publicKey, byte[] privateKey) {
        int version = this.keks.currentVersion();
        SecretKey kek = this.keks.key(version).orElseThrow();
        // NOTE: a random 96-bit nonce per record keeps the nonce-reuse risk negligible up to ~2^32 seals per KEK;
        // rotate the KEK long before that.
        byte[] nonce = new byte[NONCE_BYTES];
        this.random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(id, type, version, publicKey));
            byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + cipher.getOutputSize(privateKey.length));
            int written = cipher.doFinal(privateKey, 0, privateKey.length, sealed, NONCE_BYTES);
            return new Sealed(version, Arrays.copyOf(sealed, NONCE_BYTES + written));
        } catch (GeneralSecurityException ex) {
            throw new KeyBackendException("cannot seal key " + id + " under kek-" + version + ": " + ex, ex);
        }
    }

    /** The private key encoding; the caller must wipe it. */
    byte[] unseal(KeyId id, KeyType type, int kekVersion, byte[] publicKey, byte[] sealed) {
        SecretKey kek = this.keks
                .key(kekVersion)
                .orElseThrow(() -> new KeyUnsealException(
                        id,
                        "it was sealed under kek-" + kekVersion + ", which the keystore " + this.keks.path()
                                + " does not hold",
                        null));
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new KeyUnsealException(id, "the sealed record is truncated (" + sealed.length + " bytes)", null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(id, type, kekVersion, publicKey));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException ex) {
            throw new KeyUnsealException(
                    id,
                    "authentication tag mismatch (the sealed bytes were altered, belong to "
                            + "another key, or were sealed by another kek-" + kekVersion + ")",
                    ex);
        } catch (GeneralSecurityException ex) {
            throw new KeyUnsealException(id, ex.getClass().getSimpleName() + " under kek-" + kekVersion, ex);
        }
    }

    static byte[] associatedData(KeyId id, KeyType type, int kekVersion, byte[] publicKey) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(CONTEXT); // each field is length-prefixed, so no two rows encode alike
            out.writeUTF(id.value());
            out.writeUTF(type.apiName());
            out.writeInt(kekVersion);
            out.write(MessageDigest.getInstance("SHA-256").digest(publicKey));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // NOTE: cannot happen writing to memory
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is required of every JCA platform", ex);
        }
        return bytes.toByteArray();
    }
}
