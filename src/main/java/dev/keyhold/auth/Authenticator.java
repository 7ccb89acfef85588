package dev.keyhold.auth;

import dev.keyhold.auth.AuthenticationFailedException.Reason;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The authentication facade: turns an API token or an email + Global API Key into a {@link Principal}. Callers parse
 * the headers first; every failure is an {@link AuthenticationFailedException} that never carries the secret.
 */
@Service
public class Authenticator {

    /** Hashed when the email is unknown, so an unknown email costs the same as a wrong key. */
    private static final String NO_USER_HASH = Secrets.sha256Hex("no such user");

    private final Tokens tokens;

    private final UserRepository users;

    private final Clock clock;

    Authenticator(Tokens tokens, UserRepository users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    /** The principal of an API token's secret value; only an active token, inside its validity window, passes. */
    public Principal bearer(String token) {
        Token found = this.tokens
                .findByValue(token)
                .orElseThrow(() -> new AuthenticationFailedException(Reason.UNKNOWN_TOKEN));
        if (!found.authenticatesAt(this.clock.instant())) {
            throw new AuthenticationFailedException(Reason.INACTIVE_TOKEN);
        }
        return new TokenPrincipal(found);
    }

    /** The principal of a user's email (case-insensitive) and Global API Key. */
    public Principal globalKey(String email, String key) {
        Optional<User> user = this.users.findByEmail(normalizeEmail(email));
        boolean matches = Secrets.matches(user.map(User::apiKeyHash).orElse(NO_USER_HASH), key);
        if (user.isEmpty() || !matches) {
            throw new AuthenticationFailedException(Reason.UNKNOWN_GLOBAL_KEY);
        }
        User u = user.get();
        return u.operator()
                ? new OperatorPrincipal(u.email())
                : new MemberPrincipal(u.email(), this.users.memberships(u.id()));
    }

    /** Emails are stored and compared in lower case. */
    static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
