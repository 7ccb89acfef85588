package dev.keyhold.auth;

/** A user's role in an account. */
public enum MemberRole {

    /** Every permission in the account. */
    ADMINISTRATOR,

    /** The read permissions ({@code *_READ}) in the account. */
    READ_ONLY;

    /** Whether the role carries the permission. */
    public boolean grants(Permission permission) {
        return this == ADMINISTRATOR || permission.name().endsWith("_READ");
    }
}
