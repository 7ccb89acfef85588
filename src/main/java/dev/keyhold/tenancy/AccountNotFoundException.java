package dev.keyhold.tenancy;

/** Thrown when no account has the given id. */
public class AccountNotFoundException extends RuntimeException {

    public AccountNotFoundException(String id) {
        super("no account " + id);
    }
}
