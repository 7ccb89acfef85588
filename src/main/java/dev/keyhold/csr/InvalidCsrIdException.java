package dev.keyhold.csr;

/** Thrown when a custom CSR id is not a well-formed UUID. */
public class InvalidCsrIdException extends RuntimeException {

    public InvalidCsrIdException() {
        super("custom CSR ids are UUIDs");
    }
}
