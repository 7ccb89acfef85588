package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.Zone;
import dev.keyhold.tenancy.ZoneId;
import dev.keyhold.tenancy.ZoneNotFoundException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns path identifiers into the zone or account a request acts on, after checking the principal's permission.
 * Malformed ids are refused as Cloudflare does (7003); a zone or account the principal may not use answers 403 whether
 * or not it exists, so nothing leaks across tenants; only the operator learns that an id does not exist.
 */
@Component
class Scopes {

    private final Tenancy tenancy;

    Scopes(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    Zone zone(Principal principal, String rawId, Permission permission) {
        if (!ZoneId.isWellFormed(rawId)) {
            throw new MalformedIdentifierException("zone id");
        }
        Optional<Zone> zone = this.tenancy.findZone(new ZoneId(rawId));
        if (zone.isEmpty()) {
            if (principal.isOperator()) {
                throw new ZoneNotFoundException(rawId);
            }
            throw new AccessDeniedException(principal.describe() + " on zone " + rawId);
        }
        if (!principal.can(permission, zone.get().accountId(), zone.get().id())) {
            throw new AccessDeniedException(principal.describe() + " lacks " + permission + " on zone " + rawId);
        }
        return zone.get();
    }

    Account account(Principal principal, String rawId, Permission permission) {
        Account account = visibleAccount(principal, rawId);
        if (!principal.can(permission, account.id())) {
            throw new AccessDeniedException(principal.describe() + " lacks " + permission + " on account " + rawId);
        }
        return account;
    }

    /**
     * The account, if the principal can see anything of it. Checked in the order that reveals nothing: malformed id
     * (400), an account the principal cannot see (403, whether or not it exists), then a missing one (404, which only
     * callers who see every account reach).
     */
    Account visibleAccount(Principal principal, String rawId) {
        AccountId id = accountId(rawId);
        if (!principal.sees(id)) {
            throw new AccessDeniedException(principal.describe() + " cannot see account " + rawId);
        }
        return this.tenancy.requireAccount(id);
    }

    static AccountId accountId(String rawId) {
        if (!AccountId.isWellFormed(rawId)) {
            throw new MalformedIdentifierException("account id");
        }
        return new AccountId(rawId);
    }
}
