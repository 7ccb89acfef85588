package dev.keyhold.auth;

/** Thrown when no token of the account has the given id. */
public class TokenNotFoundException extends RuntimeException {

    public TokenNotFoundException(String id) {
        super("no API token " + id);
    }
}
