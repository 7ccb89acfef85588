package dev.keyhold.web;

import dev.keyhold.auth.InvalidUserException;
import dev.keyhold.auth.MemberRole;
import dev.keyhold.auth.Principal;
import dev.keyhold.auth.Users;
import dev.keyhold.dns.DnsNameRules;
import dev.keyhold.dns.InvalidDnsNameException;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.DuplicateZoneException;
import dev.keyhold.tenancy.Entitlements;
import dev.keyhold.tenancy.Tenancy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's administration page: accounts with their entitlements, zones, and users with their role in an
 * account. Anyone else gets the not-found page, as for anything they cannot see.
 */
@Controller
class AdminPages {

    private final Places places;

    private final Tenancy tenancy;

    private final Users users;

    private final DnsNameRules names;

    AdminPages(Places places, Tenancy tenancy, Users users, DnsNameRules names) {
        this.places = places;
        this.tenancy = tenancy;
        this.users = users;
        this.names = names;
    }

    @GetMapping("/admin")
    String admin(@AuthenticationPrincipal Principal principal, Model model) {
        requireOperator(principal);
        List<Account> accounts = this.places.accounts(principal);
        Map<AccountId, String> names = accounts.stream().collect(Collectors.toMap(Account::id, Account::name));
        model.addAttribute(
                "users",
                this.users.list().stream()
                        .map(u -> new UserRow(
                                u.email(),
                                u.operator(),
                                u.roles().entrySet().stream()
                                        .map(r -> names.getOrDefault(
                                                        r.getKey(), r.getKey().value()) + ": "
                                                + (r.getValue() == MemberRole.ADMINISTRATOR
                                                        ? "Administrator"
                                                        : "Read only"))
                                        .sorted()
                                        .toList()))
                        .toList());
        model.addAttribute("roles", MemberRole.values());
        return "admin";
    }

    @PostMapping("/admin/accounts")
    String createAccount(
            @AuthenticationPrincipal Principal principal,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "customCsrs", defaultValue = "false") boolean customCsrs,
            @RequestParam(name = "accountCustomCsrs", defaultValue = "false") boolean accountCustomCsrs,
            RedirectAttributes redirect) {
        requireOperator(principal);
        String n = name.strip();
        if (n.isEmpty() || n.length() > 255) {
            redirect.addFlashAttribute("error", "An account needs a name of 1 to 255 characters.");
        } else {
            this.tenancy.createAccount(n, new Entitlements(customCsrs, accountCustomCsrs));
            redirect.addFlashAttribute("notice", "Created the account " + n + ".");
        }
        return "redirect:/admin";
    }

    @PostMapping("/admin/accounts/{accountId}/entitlements")
    String entitlements(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String accountId,
            @RequestParam(name = "customCsrs", defaultValue = "false") boolean customCsrs,
            @RequestParam(name = "accountCustomCsrs", defaultValue = "false") boolean accountCustomCsrs,
            RedirectAttributes redirect) {
        requireOperator(principal);
        AccountId id = account(accountId);
        this.tenancy.updateAccount(id, Optional.empty(), Optional.of(new Entitlements(customCsrs, accountCustomCsrs)));
        redirect.addFlashAttribute(
                "notice",
                "Saved the entitlements of " + this.tenancy.requireAccount(id).name() + ".");
        return "redirect:/admin";
    }

    @PostMapping("/admin/zones")
    String createZone(
            @AuthenticationPrincipal Principal principal,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "account", defaultValue = "") String accountId,
            RedirectAttributes redirect) {
        requireOperator(principal);
        AccountId account = account(accountId);
        try {
            String zone = this.names.checkZoneName(name.strip()).value();
            this.tenancy.createZone(zone, account);
            redirect.addFlashAttribute("notice", "Added the zone " + zone + ".");
        } catch (InvalidDnsNameException ex) {
            redirect.addFlashAttribute(
                    "error", "\"" + name.strip() + "\" is not a valid zone name: " + ex.reason() + ".");
        } catch (DuplicateZoneException ex) {
            redirect.addFlashAttribute("error", "The zone " + ex.name() + " exists already.");
        }
        return "redirect:/admin";
    }

    @PostMapping("/admin/users")
    String createUser(
            @AuthenticationPrincipal Principal principal,
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "account", defaultValue = "") String accountId,
            @RequestParam(name = "role", defaultValue = "READ_ONLY") MemberRole role,
            RedirectAttributes redirect) {
        requireOperator(principal);
        try {
            this.users.create(email, password, account(accountId), role);
            redirect.addFlashAttribute("notice", "Added " + email.strip() + ". They can sign in now.");
        } catch (InvalidUserException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/admin";
    }

    /** A user in the table: email, operator or not, and "Account: Role" for each membership. */
    public record UserRow(String email, boolean operator, List<String> roles) {}

    @PostMapping("/admin/memberships")
    String membership(
            @AuthenticationPrincipal Principal principal,
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "account", defaultValue = "") String accountId,
            @RequestParam(name = "role", defaultValue = "") String role,
            RedirectAttributes redirect) {
        requireOperator(principal);
        AccountId account = account(accountId);
        MemberRole chosen = role.equals("REMOVE") ? null : MemberRole.valueOf(role.isEmpty() ? "READ_ONLY" : role);
        try {
            this.users.setRole(email, account, chosen);
            redirect.addFlashAttribute(
                    "notice",
                    chosen == null
                            ? "Removed " + email.strip() + " from the account. It applies at their next page."
                            : "Saved the role of " + email.strip() + ". It applies at their next page.");
        } catch (InvalidUserException ex) {
            redirect.addFlashAttribute("error", ex.getMessage());
        }
        return "redirect:/admin";
    }

    private AccountId account(String raw) {
        if (!AccountId.isWellFormed(raw)) {
            throw new PageNotFoundException("account " + raw);
        }
        AccountId id = new AccountId(raw);
        this.tenancy.findAccount(id).orElseThrow(() -> new PageNotFoundException("account " + raw));
        return id;
    }

    private static void requireOperator(Principal principal) {
        if (!principal.isOperator()) {
            throw new PageNotFoundException("administration");
        }
    }
}
