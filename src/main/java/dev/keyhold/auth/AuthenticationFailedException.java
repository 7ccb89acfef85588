package dev.keyhold.auth;

/** Thrown when presented credentials do not identify an active principal. Never carries the secret. */
public class AuthenticationFailedException extends RuntimeException {

    /** Why authentication failed. */
    public enum Reason {
        /** No API token has this value. */
        UNKNOWN_TOKEN,
        /** The token exists but is disabled, expired or not yet valid. */
        INACTIVE_TOKEN,
        /** No user has this email and Global API Key. */
        UNKNOWN_GLOBAL_KEY,
        /** No user has this email and dashboard password. */
        WRONG_PASSWORD
    }

    private final Reason reason;

    public AuthenticationFailedException(Reason reason) {
        super("authentication failed: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return this.reason;
    }
}
