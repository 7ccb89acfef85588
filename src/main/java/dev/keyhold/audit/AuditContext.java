package dev.keyhold.audit;

import org.springframework.stereotype.Component;

/**
 * Who is acting and from which address, for the request the current thread serves: {@link AuditContextFilter} sets
 * the address at the start of every request and clears both at its end; the API and the dashboard name the actor once
 * they have authenticated the caller. Work outside a request (start-up, background threads) acts as
 * {@link Actor#system()} with no address.
 */
@Component
public class AuditContext {

    private final ThreadLocal<String> clientIp = new ThreadLocal<>();

    private final ThreadLocal<Actor> actor = new ThreadLocal<>();

    /** Names the authenticated caller of the current request. */
    public void actAs(Actor actor) {
        this.actor.set(actor);
    }

    /** The caller of the current request, or {@link Actor#system()} when there is none. */
    public Actor actor() {
        Actor current = this.actor.get();
        return current == null ? Actor.system() : current;
    }

    /** The client address of the current request, or null outside a request. */
    public String clientIp() {
        return this.clientIp.get();
    }

    void begin(String clientIp) {
        this.clientIp.set(clientIp);
        this.actor.remove();
    }

    void end() {
        this.clientIp.remove();
        this.actor.remove();
    }
}
