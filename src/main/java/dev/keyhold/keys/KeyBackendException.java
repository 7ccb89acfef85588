package dev.keyhold.keys;

/**
 * Thrown when a key backend cannot complete an operation for a reason outside the caller's control (the crypto
 * provider, the key-encryption key or the stored key failed); callers report it as an internal error and never retry
 * it with different input. Its message names the key and the failed step, never key material.
 */
public class KeyBackendException extends RuntimeException {

    public KeyBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
