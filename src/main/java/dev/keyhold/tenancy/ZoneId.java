package dev.keyhold.tenancy;

import java.util.Objects;

/** Identifies a zone: 32 lowercase hex characters, like Cloudflare's zone ids. */
public record ZoneId(String value) {

    public ZoneId {
        Objects.requireNonNull(value, "value");
        if (!HexIdentifier.isWellFormed(value)) {
            throw new IllegalArgumentException("a zone id is 32 lowercase hex characters");
        }
    }

    /** Whether the text has the form of a zone id. */
    public static boolean isWellFormed(String text) {
        return HexIdentifier.isWellFormed(text);
    }

    /** A new random id. */
    public static ZoneId random() {
        return new ZoneId(HexIdentifier.random());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
