package dev.keyhold.auth;

import dev.keyhold.audit.Actor;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import dev.keyhold.tenancy.ZoneQuery;
import java.util.Optional;
import java.util.Set;

/**
 * A caller authenticated by an API token: may do what the token's policies grant, inside the token's account only.
 * Sees the account when the token grants anything, and the zones it names plus every zone of the account when an
 * all-zones resource is granted a zone permission.
 */
final class TokenPrincipal implements Principal {

    private final Token token;

    private final TokenPermissions permissions;

    private final boolean grantsAnything;

    TokenPrincipal(Token token) {
        this.token = token;
        this.permissions = token.permissions();
        this.grantsAnything = this.permissions.grantsAnything();
    }

    @Override
    public String describe() {
        return "token " + this.token.id();
    }

    @Override
    public Actor actor() {
        return Actor.token(this.token.id().value());
    }

    @Override
    public boolean isOperator() {
        return false;
    }

    @Override
    public boolean can(Permission permission, AccountId account) {
        return this.permissions.grants(permission, account);
    }

    @Override
    public boolean can(Permission permission, AccountId account, ZoneId zone) {
        return this.permissions.grants(permission, account, zone);
    }

    @Override
    public Optional<Set<AccountId>> visibleAccounts() {
        return Optional.of(this.grantsAnything ? Set.of(this.token.accountId()) : Set.of());
    }

    @Override
    public Optional<ZoneQuery.Visibility> visibleZones() {
        Set<AccountId> accounts = this.permissions.seesAllZones() ? Set.of(this.token.accountId()) : Set.of();
        return Optional.of(new ZoneQuery.Visibility(accounts, this.permissions.namedZonesGranted()));
    }

    @Override
    public Optional<TokenId> tokenId() {
        return Optional.of(this.token.id());
    }

    @Override
    public String toString() {
        return describe();
    }
}
