package dev.keyhold.certificates;

import java.util.Objects;

/**
 * Thrown when a create or edit request for a custom certificate is inconsistent as a whole (both a private key and a
 * custom CSR, a change of type); names the offending field and says what to do, never a status or a code.
 */
public class InvalidCertificateRequestException extends RuntimeException {

    private final String field;

    public InvalidCertificateRequestException(String field, String detail) {
        super(detail);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The request field at fault, as sent on the wire ({@code private_key}, {@code type}). */
    public String field() {
        return this.field;
    }
}
