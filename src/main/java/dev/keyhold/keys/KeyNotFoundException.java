package dev.keyhold.keys;

/** Thrown when a key id names no key in the backend. */
public class KeyNotFoundException extends RuntimeException {

    public KeyNotFoundException(KeyId id) {
        super("no managed key " + id);
    }
}
