package dev.keyhold.csr;

import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a custom CSR lives: a zone (usable for that zone's certificates) or an account (usable in any zone of it).
 * Callers resolve and authorize the zone or account before building a scope.
 */
public record CsrScope(AccountId account, Optional<ZoneId> zone) {

    public CsrScope {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(zone, "zone");
    }

    /** A zone-level scope: the zone and the account that owns it. */
    public static CsrScope zone(AccountId account, ZoneId zone) {
        return new CsrScope(account, Optional.of(zone));
    }

    /** An account-level scope. */
    public static CsrScope account(AccountId account) {
        return new CsrScope(account, Optional.empty());
    }

    public boolean isZone() {
        return this.zone.isPresent();
    }
}
