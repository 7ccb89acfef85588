package dev.keyhold.auth;

import dev.keyhold.audit.Actor;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import dev.keyhold.tenancy.ZoneQuery;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, after authentication, and what they may do. The API asks it before every operation; features never
 * see it.
 */
public interface Principal {

    /** A description safe to log: never a secret ("token 3f2a…", "user ops@example.com"). */
    String describe();

    /** The principal as the audit log names it: never a secret. */
    Actor actor();

    /** The bootstrap operator: may do everything, including creating accounts and setting entitlements. */
    boolean isOperator();

    /** Whether the principal holds an account-scoped permission on the account. */
    boolean can(Permission permission, AccountId account);

    /** Whether the principal holds a zone-scoped permission on the zone of the account. */
    boolean can(Permission permission, AccountId account, ZoneId zone);

    /** The accounts the principal can see anything of; empty means every account (the operator). */
    Optional<Set<AccountId>> visibleAccounts();

    /** The zones the principal may read, for listing; empty means every zone (the operator). */
    Optional<ZoneQuery.Visibility> visibleZones();

    /** The API token the principal authenticated with; empty for a Global API Key. */
    default Optional<TokenId> tokenId() {
        return Optional.empty();
    }

    /** Whether the principal can see anything of the account (the operator sees every account). */
    default boolean sees(AccountId account) {
        return visibleAccounts().map(accounts -> accounts.contains(account)).orElse(true);
    }
}
