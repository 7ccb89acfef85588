package dev.keyhold.auth;

import dev.keyhold.audit.Actor;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import dev.keyhold.tenancy.ZoneQuery;
import java.util.Optional;
import java.util.Set;

/** The bootstrap operator, authenticated by Global API Key: may do everything and sees every account. */
record OperatorPrincipal(String email) implements Principal {

    @Override
    public String describe() {
        return "operator " + this.email;
    }

    @Override
    public Actor actor() {
        return Actor.operator(this.email);
    }

    @Override
    public boolean isOperator() {
        return true;
    }

    @Override
    public boolean can(Permission permission, AccountId account) {
        return true;
    }

    @Override
    public boolean can(Permission permission, AccountId account, ZoneId zone) {
        return true;
    }

    @Override
    public Optional<Set<AccountId>> visibleAccounts() {
        return Optional.empty();
    }

    @Override
    public Optional<ZoneQuery.Visibility> visibleZones() {
        return Optional.empty();
    }
}
