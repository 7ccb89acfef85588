package dev.keyhold.auth;

import dev.keyhold.audit.Actor;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import dev.keyhold.tenancy.ZoneQuery;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A user other than the operator, authenticated by Global API Key: acts on its accounts as its role allows. */
record MemberPrincipal(String email, Map<AccountId, MemberRole> roles) implements Principal {

    MemberPrincipal {
        roles = Map.copyOf(roles);
    }

    @Override
    public String describe() {
        return "user " + this.email;
    }

    @Override
    public Actor actor() {
        return Actor.user(this.email);
    }

    @Override
    public boolean isOperator() {
        return false;
    }

    @Override
    public boolean can(Permission permission, AccountId account) {
        MemberRole role = this.roles.get(account);
        return role != null && role.grants(permission);
    }

    @Override
    public boolean can(Permission permission, AccountId account, ZoneId zone) {
        // the caller passes the zone's own account, so the role in that account decides
        return can(permission, account);
    }

    @Override
    public Optional<Set<AccountId>> visibleAccounts() {
        return Optional.of(this.roles.keySet());
    }

    @Override
    public Optional<ZoneQuery.Visibility> visibleZones() {
        return Optional.of(new ZoneQuery.Visibility(this.roles.keySet(), Set.of()));
    }
}
