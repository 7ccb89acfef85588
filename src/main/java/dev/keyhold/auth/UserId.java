package dev.keyhold.auth;

import dev.keyhold.tenancy.HexIdentifier;
import java.util.Objects;

/** Identifies a user: 32 lowercase hex characters, like Cloudflare's user ids. */
public record UserId(String value) {

    public UserId {
        Objects.requireNonNull(value, "value");
        if (!HexIdentifier.isWellFormed(value)) {
            throw new IllegalArgumentException("a user id is 32 lowercase hex characters");
        }
    }

    /** A new random id. */
    public static UserId random() {
        return new UserId(HexIdentifier.random());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
