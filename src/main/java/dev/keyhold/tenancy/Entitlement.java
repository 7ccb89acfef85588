package dev.keyhold.tenancy;

/** A feature an account must be entitled to. */
public enum Entitlement {

    /** Zone-level custom CSRs. */
    CUSTOM_CSRS,

    /** Account-level custom CSRs. */
    ACCOUNT_CUSTOM_CSRS
}
