package dev.keyhold.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an audited event did; the wire name is Cloudflare's {@code action.type}. */
public enum Action {
    CREATE,
    UPDATE,
    DELETE,
    /** A dashboard sign-in with email and password. */
    LOGIN,
    /** An API request's credentials (recorded only when they fail). */
    AUTHENTICATE,
    /** A private key signed something. */
    SIGN,
    /** A private key was taken into custody from an upload. */
    IMPORT,
    /** A private key was destroyed. */
    DESTROY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action of a wire name, any case; empty when there is none. */
    public static Optional<Action> ofWireName(String name) {
        return Arrays.stream(values())
                .filter(a -> a.wireName().equalsIgnoreCase(name.strip()))
                .findFirst();
    }

    static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Action::wireName).toList());
    }

    static Action fromColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
