package dev.keyhold.hostnames;

/** Thrown when a custom hostname id is not a well-formed UUID. */
public class InvalidHostnameIdException extends RuntimeException {

    public InvalidHostnameIdException() {
        super("custom hostname ids are UUIDs");
    }
}
