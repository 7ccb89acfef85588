package dev.keyhold.tenancy;

import java.time.Instant;

/** An account: the tenant that owns zones, account-level CSRs and API tokens. */
public record Account(AccountId id, String name, Entitlements entitlements, Instant createdOn) {}
