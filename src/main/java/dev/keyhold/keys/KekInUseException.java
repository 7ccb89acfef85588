package dev.keyhold.keys;

/** Thrown when a KEK cannot be retired because stored keys, a rotation in progress or new keys still need it. */
public class KekInUseException extends RuntimeException {

    public KekInUseException(String message) {
        super(message);
    }
}
