package dev.keyhold.tenancy;

/** Thrown when an account lacks the entitlement a request needs. */
public class NotEntitledException extends RuntimeException {

    private final Entitlement entitlement;

    public NotEntitledException(AccountId account, Entitlement entitlement) {
        super("account " + account + " is not entitled to " + entitlement);
        this.entitlement = entitlement;
    }

    public Entitlement entitlement() {
        return this.entitlement;
    }
}
