package dev.keyhold.tenancy;

import java.util.Objects;

/** Identifies an account: 32 lowercase hex characters, like Cloudflare's account tags. */
public record AccountId(String value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
        if (!HexIdentifier.isWellFormed(value)) {
            throw new IllegalArgumentException("an account id is 32 lowercase hex characters");
        }
    }

    /** Whether the text has the form of an account id. */
    public static boolean isWellFormed(String text) {
        return HexIdentifier.isWellFormed(text);
    }

    /** A new random id. */
    public static AccountId random() {
        return new AccountId(HexIdentifier.random());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
