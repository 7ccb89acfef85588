package dev.keyhold.auth;

/** Thrown when a new user cannot be added: says which field is wrong and why, never echoing a password. */
public class InvalidUserException extends RuntimeException {

    private final String field;

    public InvalidUserException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code email} or {@code password}. */
    public String field() {
        return this.field;
    }
}
