package dev.keyhold.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log facade. Call {@link #changed} and {@link #keyUsed} inside the transaction of the change they describe,
 * so the event commits or rolls back with it; {@link #refused} and {@link #signIn} write in a transaction of their
 * own, so the record of a refusal survives the rollback of what was refused. The actor and client address come from
 * the {@link AuditContext}; the time from the application clock. Never pass a secret: ids, names and reason codes only.
 */
@Service
public class AuditLog {

    /**
     * A failed API authentication from one address is recorded once a minute at most, per reason; a locked-out
     * sign-in once a minute at most per address and email.
     */
    static final Duration FAILED_AUTHENTICATION_INTERVAL = Duration.ofMinutes(1);

    private static final int REMEMBERED_FAILURES = 10_000;

    private final AuditEventRepository repository;

    private final AuditContext context;

    private final Clock clock;

    private final Map<String, Instant> lastFailedAuthentication = new ConcurrentHashMap<>();

    AuditLog(AuditEventRepository repository, AuditContext context, Clock clock) {
        this.repository = repository;
        this.context = context;
        this.clock = clock;
    }

    /** Records a successful change of a resource of the account, in the caller's transaction. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void changed(String account, Action action, Resource resource, String detail) {
        write(account, this.context.actor(), action, resource, true, null, detail);
    }

    /**
     * Records a use of a private key ({@link Action#SIGN}, {@link Action#IMPORT}, {@link Action#DESTROY}) with its
     * purpose, such as {@code sign custom CSR <id>}, in the caller's transaction.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void keyUsed(String account, Action action, String keyId, String purpose) {
        write(account, this.context.actor(), action, new Resource(Resource.PRIVATE_KEY, keyId), true, null, purpose);
    }

    /** Records a refused request, in a transaction of its own; {@code reason} is a short code (an API error code). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(String account, Action action, Resource resource, String reason, String detail) {
        write(account, this.context.actor(), action, resource, false, reason, detail);
    }

    /** Records a dashboard sign-in of the actor, successful or not, in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void signIn(Actor actor, boolean success, String reason) {
        write(null, actor, Action.LOGIN, new Resource(Resource.USER, actor.email()), success, reason, null);
    }

    /**
     * Records API credentials that did not authenticate, in a transaction of its own, once a minute at most per client
     * address and reason: enough to see an attack without letting one fill the table.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failedAuthentication(String account, Actor actor, Resource credential, String reason) {
        if (firstThisInterval(this.context.clientIp() + " " + reason)) {
            write(account, actor, Action.AUTHENTICATE, credential, false, reason, null);
        }
    }

    /**
     * Records a dashboard sign-in refused because the email or the client address is locked out, in a transaction of
     * its own, once a minute at most per client address and email: a lockout is what a password-guessing attack
     * runs into, so it must show, without each of its attempts filling the table.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void signInLockedOut(Actor actor) {
        if (firstThisInterval(this.context.clientIp() + " locked_out " + actor.email())) {
            write(null, actor, Action.LOGIN, new Resource(Resource.USER, actor.email()), false, "locked_out", null);
        }
    }

    /** Whether nothing was recorded under {@code key} in the last {@link #FAILED_AUTHENTICATION_INTERVAL}. */
    private boolean firstThisInterval(String key) {
        Instant now = this.clock.instant();
        Instant last = this.lastFailedAuthentication.get(key);
        if (last != null && !now.isBefore(last) && now.isBefore(last.plus(FAILED_AUTHENTICATION_INTERVAL))) {
            return false;
        }
        if (this.lastFailedAuthentication.size() >= REMEMBERED_FAILURES) {
            this.lastFailedAuthentication.clear();
        }
        this.lastFailedAuthentication.put(key, now);
        return true;
    }

    /** A page of the events the query selects. */
    public List<AuditEvent> find(AuditQuery query, long offset, int limit) {
        return this.repository.find(query, offset, limit);
    }

    public long count(AuditQuery query) {
        return this.repository.count(query);
    }

    private void write(
            String account,
            Actor actor,
            Action action,
            Resource resource,
            boolean success,
            String reason,
            String detail) {
        this.repository.insert(new AuditEvent(
                UUID.randomUUID().toString(),
                account,
                actor,
                this.context.clientIp(),
                action,
                resource,
                success,
                reason,
                detail,
                this.clock.instant()));
    }
}
