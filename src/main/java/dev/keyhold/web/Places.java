package dev.keyhold.web;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.Zone;
import dev.keyhold.tenancy.ZoneId;
import dev.keyhold.tenancy.ZoneQuery;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Resolves the zone or account of a dashboard URL for the signed-in user, with the same permission checks the API
 * makes ({@link Principal#can}). What the user may not use is "not found", whether or not it exists.
 */
@Component
class Places {

    static final int SWITCHER_LIMIT = 500;

    private final Tenancy tenancy;

    Places(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    Place zone(Principal principal, String rawId, Permission permission) {
        Zone zone = Optional.ofNullable(rawId)
                .filter(ZoneId::isWellFormed)
                .flatMap(id -> this.tenancy.findZone(new ZoneId(id)))
                .filter(z -> principal.can(permission, z.accountId(), z.id()))
                .orElseThrow(() -> new PageNotFoundException("zone " + rawId));
        return new Place(this.tenancy.requireAccount(zone.accountId()), Optional.of(zone));
    }

    Place account(Principal principal, String rawId, Permission permission) {
        Account account = Optional.ofNullable(rawId)
                .filter(AccountId::isWellFormed)
                .map(AccountId::new)
                .filter(id -> principal.can(permission, id))
                .flatMap(this.tenancy::findAccount)
                .orElseThrow(() -> new PageNotFoundException("account " + rawId));
        return new Place(account, Optional.empty());
    }

    /** The place of a zone or an account URL; exactly one of the ids is set by the route. */
    Place of(Principal principal, String zoneId, String accountId, boolean write) {
        return zoneId != null
                ? zone(principal, zoneId, write ? Permission.ZONE_SSL_WRITE : Permission.ZONE_SSL_READ)
                : account(principal, accountId, write ? Permission.ACCOUNT_SSL_WRITE : Permission.ACCOUNT_SSL_READ);
    }

    /** The zones the user can see, for the switcher. */
    List<Zone> zones(Principal principal) {
        return this.tenancy.listZones(
                new ZoneQuery(principal.visibleZones(), Optional.empty(), Optional.empty()), 0, SWITCHER_LIMIT);
    }

    /** The accounts the user can see, for the switcher. */
    List<Account> accounts(Principal principal) {
        return this.tenancy.listAccounts(principal.visibleAccounts(), 0, SWITCHER_LIMIT);
    }
}
