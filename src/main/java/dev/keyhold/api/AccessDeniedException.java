package dev.keyhold.api;

/** Thrown when an authenticated principal lacks the permission a route needs. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String what) {
        super("access denied: " + what);
    }
}
