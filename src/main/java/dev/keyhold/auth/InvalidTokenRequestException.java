package dev.keyhold.auth;

/** Thrown when a token create/update request is invalid; the message says what and how to fix it. */
public class InvalidTokenRequestException extends RuntimeException {

    public InvalidTokenRequestException(String detail) {
        super(detail);
    }
}
