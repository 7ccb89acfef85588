package dev.keyhold.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * A token's status as Cloudflare reports it. {@code disabled} is set by request; {@code expired} is reported, never
 * stored, once {@code expires_on} has passed.
 */
public enum TokenStatus {
    ACTIVE("active"),
    DISABLED("disabled"),
    EXPIRED("expired");

    private final String wire;

    TokenStatus(String wire) {
        this.wire = wire;
    }

    /** The lowercase form Cloudflare uses. */
    public String wire() {
        return this.wire;
    }

    /** The status with that wire form, if any. */
    public static Optional<TokenStatus> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(text)).findFirst();
    }
}
