package dev.keyhold.certificates;

/** Thrown when a custom certificate id does not have the form of one (32 hex characters). */
public class InvalidCertificateIdException extends RuntimeException {

    public InvalidCertificateIdException() {
        super("a custom certificate id is 32 hex characters");
    }
}
