package dev.keyhold.csr;

/** Thrown when no custom CSR with the id exists in the scope asked about. */
public class CsrNotFoundException extends RuntimeException {

    public CsrNotFoundException(String id) {
        super("no custom CSR " + id + " in this scope");
    }
}
