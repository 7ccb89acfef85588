package dev.keyhold.auth;

import dev.keyhold.tenancy.HexIdentifier;
import java.util.Objects;

/** Identifies an API token (not its secret value): 32 lowercase hex characters, like Cloudflare's token ids. */
public record TokenId(String value) {

    public TokenId {
        Objects.requireNonNull(value, "value");
        if (!HexIdentifier.isWellFormed(value)) {
            throw new IllegalArgumentException("a token id is 32 lowercase hex characters");
        }
    }

    /** Whether the text has the form of a token id. */
    public static boolean isWellFormed(String text) {
        return HexIdentifier.isWellFormed(text);
    }

    /** A new random id. */
    public static TokenId random() {
        return new TokenId(HexIdentifier.random());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
