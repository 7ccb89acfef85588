package dev.keyhold.keys;

/**
 * Thrown when an uploaded private key cannot be taken into custody: not PEM, encrypted, not a private key, or of a
 * type Keyhold does not hold. The message says which, and never contains any part of the key.
 */
public class InvalidPrivateKeyException extends RuntimeException {

    public InvalidPrivateKeyException(String message) {
        super(message);
    }
}
