package dev.keyhold.tenancy;

import java.time.Instant;

/** A zone (a domain) of an account. */
public record Zone(ZoneId id, String name, AccountId accountId, String accountName, Instant createdOn) {}
