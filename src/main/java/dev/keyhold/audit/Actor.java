package dev.keyhold.audit;

import java.util.Locale;

/**
 * Who performed an audited action: an API token (by id), a user or the operator (by email), or Keyhold itself.
 * Never carries a secret.
 */
public record Actor(Type type, String id, String email) {

    private static final Actor SYSTEM = new Actor(Type.SYSTEM, null, null);

    /** The kinds of actor, with their wire names. */
    public enum Type {
        TOKEN,
        USER,
        OPERATOR,
        SYSTEM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type ofWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    public static Actor token(String tokenId) {
        return new Actor(Type.TOKEN, tokenId, null);
    }

    public static Actor user(String email) {
        return new Actor(Type.USER, email, email);
    }

    public static Actor operator(String email) {
        return new Actor(Type.OPERATOR, email, email);
    }

    /** Keyhold acting on its own: start-up, background work, or a change with no request behind it. */
    public static Actor system() {
        return SYSTEM;
    }
}
