package dev.keyhold.auth;

import dev.keyhold.audit.Actor;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import dev.keyhold.auth.AuthenticationFailedException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The authentication facade: turns an API token, an email + Global API Key, or a dashboard sign-in (email + password) into a
 * {@link Principal}. Callers parse
 * the headers first; every failure is an {@link AuthenticationFailedException} that never carries the secret.
 */
@Service
public class Authenticator {

    /** Hashed when the email is unknown, so an unknown email costs the same as a wrong key. */
    private static final String NO_USER_HASH = Secrets.sha256Hex("no such user");

    private final Tokens tokens;

    private final UserRepository users;

    private final Clock clock;

    private final Passwords passwords;

    private final SignInThrottle throttle;

    private final AuditLog audit;

    Authenticator(
            Tokens tokens,
            UserRepository users,
            Clock clock,
            Passwords passwords,
            SignInThrottle throttle,
            AuditLog audit) {
        this.audit = audit;
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /** The principal of an API token's secret value; only an active token, inside its validity window, passes. */
    public Principal bearer(String token) {
        Optional<Token> known = this.tokens.findByValue(token);
        if (known.isEmpty()) {
            throw failed(null, new Actor(Actor.Type.TOKEN, null, null), Reason.UNKNOWN_TOKEN);
        }
        Token found = known.get();
        if (!found.authenticatesAt(this.clock.instant())) {
            throw failed(found.accountId().value(), Actor.token(found.id().value()), Reason.INACTIVE_TOKEN);
        }
        return new TokenPrincipal(found);
    }

    /** The principal of a user's email (case-insensitive) and Global API Key. */
    public Principal globalKey(String email, String key) {
        Optional<User> user = this.users.findByEmail(normalizeEmail(email));
        boolean matches = Secrets.matches(user.map(User::apiKeyHash).orElse(NO_USER_HASH), key);
        if (user.isEmpty() || !matches) {
            throw failed(null, Actor.user(normalizeEmail(email)), Reason.UNKNOWN_GLOBAL_KEY);
        }
        return principalOf(user.get());
    }

    /**
     * The principal of a dashboard sign-in with email (case-insensitive) and password, from the client address.
     * Repeated failures lock the email or the address out for a while ({@link SignInThrottle}).
     *
     * @throws SignInLockedException while sign-in is locked out, before the password is even checked
     * @throws AuthenticationFailedException when the email is unknown, has no password, or the password is wrong
     */
    public Principal password(String email, String password, String client) {
        String e = normalizeEmail(email);
        Optional<Duration> locked = this.throttle.lockedFor(e, client);
        if (locked.isPresent()) {
            this.audit.signInLockedOut(Actor.user(e));
            throw new SignInLockedException(locked.get());
        }
        Optional<User> user = this.users.findByEmail(e);
        if (!this.passwords.matches(password, user.map(User::passwordHash).orElse(null))) {
            this.throttle.failed(e, client);
            this.audit.signIn(Actor.user(e), false, reason(Reason.WRONG_PASSWORD));
            throw new AuthenticationFailedException(Reason.WRONG_PASSWORD);
        }
        this.throttle.succeeded(e);
        Principal principal = principalOf(user.get());
        this.audit.signIn(principal.actor(), true, null);
        return principal;
    }

    /**
     * The current principal of a signed-in dashboard user, read afresh so that a changed role or a removed user takes
     * effect at the next page; empty when the user no longer exists.
     */
    public Optional<Principal> signedIn(String email) {
        return this.users.findByEmail(normalizeEmail(email)).map(this::principalOf);
    }

    private Principal principalOf(User u) {
        return u.operator()
                ? new OperatorPrincipal(u.email())
                : new MemberPrincipal(u.email(), this.users.memberships(u.id()));
    }

    /** Records API credentials that failed (sparingly: {@link AuditLog#failedAuthentication}) and the exception. */
    private AuthenticationFailedException failed(String account, Actor actor, Reason reason) {
        Resource credential = actor.type() == Actor.Type.TOKEN
                ? new Resource(Resource.API_TOKEN, actor.id())
                : new Resource(Resource.USER, actor.email());
        this.audit.failedAuthentication(account, actor, credential, reason(reason));
        return new AuthenticationFailedException(reason);
    }

    private static String reason(Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    /** Emails are stored and compared in lower case. */
    static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
