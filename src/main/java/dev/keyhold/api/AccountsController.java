package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Entitlements;
import dev.keyhold.tenancy.Tenancy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts: the operator creates them and sets their entitlements; members and tokens see the accounts they belong to.
 */
@RestController
@RequestMapping("/client/v4/accounts")
class AccountsController {

    private final Tenancy tenancy;

    private final Scopes scopes;

    AccountsController(Tenancy tenancy, Scopes scopes) {
        this.tenancy = tenancy;
        this.scopes = scopes;
    }

    @PostMapping
    Envelope<AccountView> create(Principal principal, @RequestBody(required = false) AccountBody body) {
        if (!principal.isOperator()) {
            throw new AccessDeniedException(principal.describe() + " cannot create accounts");
        }
        String name = name(body == null ? null : body.name());
        if (name == null) {
            throw new InvalidRequestException(
                    new ApiError(1002, "An account needs a name of 1 to 255 characters.").at("/name"));
        }
        Entitlements entitlements = entitlements(body.entitlements(), new Entitlements(false, false));
        return Envelope.ok(AccountView.of(this.tenancy.createAccount(name, entitlements)));
    }

    @GetMapping
    Envelope<List<AccountView>> list(
            Principal principal,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage) {
        PageRequest request = PageRequest.of(page, perPage, 20);
        Optional<Set<AccountId>> visible = principal.visibleAccounts();
        List<AccountView> items = this.tenancy.listAccounts(visible, request.offset(), request.perPage()).stream()
                .map(AccountView::of)
                .toList();
        return Envelope.page(items, ResultInfo.of(request, items.size(), this.tenancy.countAccounts(visible)));
    }

    @GetMapping("/{account_id}")
    Envelope<AccountView> get(Principal principal, @PathVariable("account_id") String accountId) {
        return Envelope.ok(AccountView.of(this.scopes.visibleAccount(principal, accountId)));
    }

    @PatchMapping("/{account_id}")
    Envelope<AccountView> patch(
            Principal principal,
            @PathVariable("account_id") String accountId,
            @RequestBody(required = false) AccountBody body) {
        return update(principal, accountId, body);
    }

    @PutMapping("/{account_id}")
    Envelope<AccountView> put(
            Principal principal,
            @PathVariable("account_id") String accountId,
            @RequestBody(required = false) AccountBody body) {
        return update(principal, accountId, body);
    }

    private Envelope<AccountView> update(Principal principal, String accountId, AccountBody body) {
        Account account = this.scopes.account(principal, accountId, Permission.ACCOUNT_SETTINGS_WRITE);
        if (body == null) {
            return Envelope.ok(AccountView.of(account));
        }
        if (body.entitlements() != null && !principal.isOperator()) {
            throw new AccessDeniedException(principal.describe() + " cannot change entitlements");
        }
        Optional<String> name = Optional.empty();
        if (body.name() != null) {
            name = Optional.ofNullable(name(body.name()));
            if (name.isEmpty()) {
                throw new InvalidRequestException(
                        new ApiError(1002, "An account needs a name of 1 to 255 characters.").at("/name"));
            }
        }
        Optional<Entitlements> entitlements =
                Optional.ofNullable(body.entitlements()).map(e -> entitlements(e, account.entitlements()));
        return Envelope.ok(AccountView.of(this.tenancy.updateAccount(account.id(), name, entitlements)));
    }

    private static Entitlements entitlements(AccountView.EntitlementsView view, Entitlements current) {
        if (view == null) {
            return current;
        }
        return new Entitlements(
                view.customCsrs() == null ? current.customCsrs() : view.customCsrs(),
                view.accountCustomCsrs() == null ? current.accountCustomCsrs() : view.accountCustomCsrs());
    }

    private static String name(String raw) {
        if (raw == null || raw.isBlank() || raw.strip().length() > 255) {
            return null;
        }
        return raw.strip();
    }
}
