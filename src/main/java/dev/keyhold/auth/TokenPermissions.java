package dev.keyhold.auth;

import dev.keyhold.auth.Permission.Scope;
import dev.keyhold.auth.TokenPolicy.Effect;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a token's policies grant, evaluated as Cloudflare does: a permission is granted when some allow policy names a
 * group granting it on a resource covering the target and no deny policy does the same (deny wins). A token never
 * reaches beyond its own account, whatever its policies say.
 */
public record TokenPermissions(AccountId tokenAccount, List<TokenPolicy> policies) {

    public TokenPermissions {
        policies = List.copyOf(policies);
    }

    /**
     * An account permission on the account; a zone permission asked of an account means "on every zone of it" (what
     * creating a zone needs), granted only through an all-zones resource.
     */
    public boolean grants(Permission permission, AccountId account) {
        if (permission.scope() == Scope.ACCOUNT) {
            Predicate<TokenResource> isAccount = r -> r instanceof TokenResource.Account a && a.id().equals(account);
            return decide(permission, isAccount, isAccount, account);
        }
        // a deny on any single zone also takes away "every zone"
        return decide(permission, r -> coversAllZones(r, account), r -> coversAnyZone(r, account), account);
    }

    /** A zone permission on the zone of the account; an account permission is checked on the account. */
    public boolean grants(Permission permission, AccountId account, ZoneId zone) {
        if (permission.scope() == Scope.ACCOUNT) {
            return grants(permission, account);
        }
        Predicate<TokenResource> covers =
                r -> (r instanceof TokenResource.Zone z && z.id().equals(zone)) || coversAllZones(r, account);
        return decide(permission, covers, covers, account);
    }

    /** Whether any permission at all is granted on anything. */
    public boolean grantsAnything() {
        boolean onAccount = Arrays.stream(Permission.values())
                .filter(p -> p.scope() == Scope.ACCOUNT)
                .anyMatch(p -> grants(p, this.tokenAccount));
        return onAccount || seesAllZones() || !namedZonesGranted().isEmpty();
    }

    /**
     * Whether some zone permission is granted through an all-zones resource that no deny takes back as a whole, for
     * listing zones: a deny on single zones still applies to every action on them, but does not hide the account.
     */
    public boolean seesAllZones() {
        return zonePermissions()
                .anyMatch(p -> decide(
                        p,
                        r -> coversAllZones(r, this.tokenAccount),
                        r -> coversAllZones(r, this.tokenAccount),
                        this.tokenAccount));
    }

    /** The zones named one by one on which some zone permission is granted. */
    public Set<ZoneId> namedZonesGranted() {
        Set<ZoneId> zones = new LinkedHashSet<>();
        for (TokenPolicy policy : this.policies) {
            if (policy.effect() == Effect.ALLOW) {
                for (TokenResource r : policy.resources()) {
                    if (r instanceof TokenResource.Zone z
                            && zonePermissions().anyMatch(p -> grants(p, this.tokenAccount, z.id()))) {
                        zones.add(z.id());
                    }
                }
            }
        }
        return zones;
    }

    private boolean decide(
            Permission permission,
            Predicate<TokenResource> allowCovers,
            Predicate<TokenResource> denyCovers,
            AccountId account) {
        if (!this.tokenAccount.equals(account)) {
            return false;
        }
        return matches(Effect.ALLOW, permission, allowCovers) && !matches(Effect.DENY, permission, denyCovers);
    }

    private boolean matches(Effect effect, Permission permission, Predicate<TokenResource> covers) {
        return this.policies.stream()
                .filter(p -> p.effect() == effect)
                .filter(p -> p.permissionGroups().stream().anyMatch(g -> g.grants(permission)))
                .anyMatch(p -> p.resources().stream()
                        .filter(r -> r.scope() == permission.scope())
                        .anyMatch(covers));
    }

    private boolean coversAllZones(TokenResource r, AccountId account) {
        return (r instanceof TokenResource.AllZones && account.equals(this.tokenAccount))
                || (r instanceof TokenResource.AllZonesOf all && all.account().equals(account));
    }

    private boolean coversAnyZone(TokenResource r, AccountId account) {
        // zones named in a valid policy belong to the token's account, checked on create and update
        return r instanceof TokenResource.Zone || coversAllZones(r, account);
    }

    private static Stream<Permission> zonePermissions() {
        return Arrays.stream(Permission.values()).filter(p -> p.scope() == Scope.ZONE);
    }
}
