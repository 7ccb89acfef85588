package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Tenancy;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@code {account_id}} of a path for a principal, in the order that reveals nothing: malformed id (400),
 * an account the principal cannot see (403, whether or not it exists), then a missing account (404, which only callers
 * who see every account can reach).
 */
@Component
class AccountAccess {

    private final Tenancy tenancy;

    AccountAccess(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** The account, when the principal can see anything of it. */
    Account visible(String accountId, Principal principal) {
        AccountId id = wellFormed(accountId);
        if (!principal.sees(id)) {
            throw new AccessDeniedException(principal.describe() + " cannot see account " + id);
        }
        return this.tenancy.requireAccount(id);
    }

    /** The account, when the principal holds the permission on it. */
    Account require(String accountId, Principal principal, Permission permission) {
        Account account = visible(accountId, principal);
        if (!principal.can(permission, account.id())) {
            throw new AccessDeniedException(principal.describe() + " lacks " + permission + " on account " + account.id());
        }
        return account;
    }

    /** The id, when it has the form of one. */
    static AccountId wellFormed(String accountId) {
        if (!AccountId.isWellFormed(accountId)) {
            throw new MalformedIdentifierException("account id");
        }
        return new AccountId(accountId);
    }
}
