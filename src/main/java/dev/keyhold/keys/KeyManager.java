package dev.keyhold.keys;

import java.util.Optional;
import org.bouncycastle.operator.ContentSigner;

/**
 * Creates private keys and signs with them, without ever handing one out. Callers get an id and a public key; the
 * only way to use the private half is {@link #signer(KeyId)}. {@link #create} and {@link #destroy} join the caller's
 * transaction, so a key and the record that references it are written or removed together.
 */
public interface KeyManager {

    /** Generates a new key of the given type inside the backend and stores it. */
    ManagedKey create(KeyType type);

    /**
     * {@link #create} and {@link #signer} of the new key in one step, for a caller that signs with it at once. A
     * backend may build the signer from what it just generated or claimed instead of reading the stored key back.
     */
    default SigningKey createWithSigner(KeyType type) {
        ManagedKey key = create(type);
        return new SigningKey(key, signer(key.id()));
    }

    /**
     * Takes an uploaded PEM private key into custody: stores it exactly as a generated one (sealed, never returned)
     * and returns its public facts. Joins the caller's transaction like {@link #create}.
     *
     * @throws InvalidPrivateKeyException when the text is not an unencrypted PKCS#8, PKCS#1 or SEC 1 key of a
     * {@link KeyType} Keyhold holds
     */
    ManagedKey importKey(String pem);

    /** The key's public facts, or empty when no such key exists. */
    Optional<ManagedKey> find(KeyId id);

    /**
     * A signer for the key, using the strongest standard signature for its type (SHA256withRSA, SHA256withECDSA).
     *
     * @throws KeyNotFoundException when there is no such key
     * @throws KeyBackendException when the backend holds the key but cannot use it ({@link KeyUnsealException} when
     * its stored form no longer opens)
     */
    ContentSigner signer(KeyId id);

    /** Destroys the key; afterwards nothing can sign with it. Destroying a missing key does nothing. */
    void destroy(KeyId id);
}
