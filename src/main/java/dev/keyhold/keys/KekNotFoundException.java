package dev.keyhold.keys;

/** Thrown when a KEK command names a KEK version the keystore does not hold. */
public class KekNotFoundException extends RuntimeException {

    public KekNotFoundException(String message) {
        super(message);
    }
}
