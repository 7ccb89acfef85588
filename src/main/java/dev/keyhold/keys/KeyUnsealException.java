package dev.keyhold.keys;

/**
 * Thrown when a stored key cannot be unsealed: its sealed bytes were altered or moved from another key, or the
 * key-encryption key that sealed it is not the one configured. The key cannot be used until the matching data or
 * key-encryption key is restored.
 */
public class KeyUnsealException extends KeyBackendException {

    public KeyUnsealException(KeyId id, String reason, Throwable cause) {
        super("cannot unseal key " + id + ": " + reason, cause);
    }
}
