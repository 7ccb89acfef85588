package dev.keyhold.auth;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes dashboard passwords with Argon2id (RFC 9106; 16 MiB, 2 passes, as Spring Security's defaults) and checks
 * them. A password is never stored, logged or put in an exception message; only its PHC-format hash is kept.
 */
@Component
class Passwords {

    static final int MIN_LENGTH = 12;

    static final int MAX_LENGTH = 256;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    /**
     * A hash of a password nobody has, checked when the email is unknown so that it costs as much as a wrong one;
     * made at the first sign-in rather than during startup.
     */
    private final Supplier<String> unknownUserHash =
            Suppliers.memoize(() -> this.encoder.encode("no such user, no such password"));

    /** The password's Argon2id hash with a fresh salt. */
    String hash(String password) {
        return this.encoder.encode(password);
    }

    /** Whether the password matches the hash; a null hash (no password set) never matches but costs the same. */
    boolean matches(String password, String hash) {
        boolean matches = this.encoder.matches(password, hash == null ? this.unknownUserHash.get() : hash);
        return hash != null && matches;
    }

    /** Why the password cannot be used, or null when it can. */
    static String weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (password.isBlank()) {
            return "must not be only spaces";
        }
        return null;
    }
}
