package dev.keyhold.auth;

import java.time.Duration;

/** Thrown when sign-in is refused for a while after repeated failures; says how long, never whether the email exists. */
public class SignInLockedException extends RuntimeException {

    private final Duration retryAfter;

    public SignInLockedException(Duration retryAfter) {
        super("too many failed sign-ins; try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds");
        this.retryAfter = retryAfter;
    }

    /** How long until sign-in is allowed again. */
    public Duration retryAfter() {
        return this.retryAfter;
    }
}
