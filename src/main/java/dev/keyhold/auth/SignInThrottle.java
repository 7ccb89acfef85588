package dev.keyhold.auth;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing down. The {@value #FREE_FAILURES_PER_EMAIL}th failed sign-in in a row for one email, or
 * the {@value #FREE_FAILURES_PER_CLIENT}th from one client address, locks that email or address out for 30 seconds,
 * and each further failure doubles the lockout, up to 15 minutes; a successful sign-in clears the email's count. The state is held in
 * memory on each node, bounded in size: with several nodes a guesser gets that many tries on each.
 */
@Component
class SignInThrottle {

    static final int FREE_FAILURES_PER_EMAIL = 5;

    static final int FREE_FAILURES_PER_CLIENT = 20;

    static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);

    static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);

    private final Cache<String, Failures> emails = newCache();

    private final Cache<String, Failures> clients = newCache();

    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long sign-in stays refused for the email or from the client, or empty when it is allowed now. */
    Optional<Duration> lockedFor(String email, String client) {
        Instant now = this.clock.instant();
        Instant until = later(lockedUntil(this.emails, email), lockedUntil(this.clients, client));
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Counts a failed sign-in against the email and the client. */
    void failed(String email, String client) {
        Instant now = this.clock.instant();
        this.emails.asMap().compute(email, (k, f) -> next(f, FREE_FAILURES_PER_EMAIL, now));
        this.clients.asMap().compute(client, (k, f) -> next(f, FREE_FAILURES_PER_CLIENT, now));
    }

    /** Forgets the email's failures after a successful sign-in. */
    void succeeded(String email) {
        this.emails.invalidate(email);
    }

    private static Failures next(Failures previous, int free, Instant now) {
        int count = previous == null ? 1 : previous.count() + 1;
        if (count < free) {
            return new Failures(count, Instant.MIN);
        }
        int doublings = Math.min(count - free, 10);
        Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << doublings);
        return new Failures(count, now.plus(lockout.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lockout));
    }

    private static Instant lockedUntil(Cache<String, Failures> cache, String key) {
        Failures f = cache.getIfPresent(key);
        return f == null ? Instant.MIN : f.lockedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Cache<String, Failures> newCache() {
        // bounded so that a flood of made-up emails cannot exhaust memory; an hour without failures forgives
        return CacheBuilder.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofHours(1))
                .build();
    }

    private record Failures(int count, Instant lockedUntil) {}
}
