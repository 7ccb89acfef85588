package dev.keyhold.auth;

import java.time.Instant;

/**
 * A user who authenticates with an email and a Global API Key; only the key's SHA-256 is held. The operator may do
 * everything; other users act on the accounts they are members of.
 */
record User(UserId id, String email, String apiKeyHash, boolean operator, Instant createdOn) {}
