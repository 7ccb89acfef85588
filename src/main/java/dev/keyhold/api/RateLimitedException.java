package dev.keyhold.api;

/** Thrown when a credential has made all the requests its rate limit allows for now. */
class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimitedException(long retryAfterSeconds) {
        super("rate limited for " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When the credential may send again, in whole seconds (the {@code Retry-After} header). */
    long retryAfterSeconds() {
        return this.retryAfterSeconds;
    }
}
