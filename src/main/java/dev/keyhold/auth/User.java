package dev.keyhold.auth;

import java.time.Instant;

/**
 * A user who authenticates to the API with an email and a Global API Key, and to the dashboard with the email and a
 * password; only the key's SHA-256 and the password's Argon2id hash are held. The operator may do everything; other
 * users act on the accounts they are members of.
 *
 * @param passwordHash the Argon2id hash of the dashboard password, or null while the user has none
 */
record User(UserId id, String email, String apiKeyHash, String passwordHash, boolean operator, Instant createdOn) {

    @Override
    public String toString() {
        return "User[id=" + this.id + ", email=" + this.email + ", operator=" + this.operator + "]";
    }
}
