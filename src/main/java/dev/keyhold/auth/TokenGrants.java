package dev.keyhold.auth;

import dev.keyhold.tenancy.AccountId;
import java.util.List;

/**
 * The rule that keeps token creation from escalating: whoever creates or edits a token may only allow what they hold
 * themselves, on the same resources. Deny policies only take permissions away, so they are always allowed.
 */
final class TokenGrants {

    private TokenGrants() {}

    static void requireHeldBy(Principal grantor, AccountId account, List<TokenPolicy> policies) {
        for (TokenPolicy policy : policies) {
            if (policy.effect() != TokenPolicy.Effect.ALLOW) {
                continue;
            }
            for (PermissionGroup group : policy.permissionGroups()) {
                for (TokenResource resource : policy.resources()) {
                    if (resource.scope() != group.scope()) {
                        continue;
                    }
                    for (Permission permission : group.permissions()) {
                        if (!holds(grantor, account, permission, resource)) {
                            throw new TokenGrantDeniedException(group.name(), resource.key());
                        }
                    }
                }
            }
        }
    }

    private static boolean holds(Principal grantor, AccountId account, Permission permission, TokenResource resource) {
        if (resource instanceof TokenResource.Account a) {
            return grantor.can(permission, a.id());
        }
        if (resource instanceof TokenResource.Zone z) {
            return grantor.can(permission, account, z.id());
        }
        if (resource instanceof TokenResource.AllZonesOf of) {
            return grantor.can(permission, of.account());
        }
        // NOTE: all zones of the token's account; a zone permission asked of an account means "on every zone of it"
        return grantor.can(permission, account);
    }
}
