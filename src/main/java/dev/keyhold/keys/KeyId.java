package dev.keyhold.keys;

import java.util.Objects;
import java.util.UUID;

/** Identifies a managed key; a UUID string. */
public record KeyId(String value) {

    public KeyId {
        Objects.requireNonNull(value, "value");
        UUID.fromString(value); // NOTE: rejects anything that is not a UUID
    }

    /** A new random id. */
    public static KeyId random() {
        return new KeyId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
