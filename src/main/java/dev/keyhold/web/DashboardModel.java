package dev.keyhold.web;

import dev.keyhold.auth.Principal;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.Zone;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every dashboard page shows in its top bar: who is signed in, whether they are the operator, and the accounts
 * and zones of the switcher (only those the user can see).
 */
@ControllerAdvice(basePackageClasses = DashboardModel.class)
class DashboardModel {

    private final Places places;

    DashboardModel(Places places) {
        this.places = places;
    }

    @ModelAttribute("zones")
    List<Zone> zones(Authentication authentication) {
        return principal(authentication) instanceof Principal p ? this.places.zones(p) : List.of();
    }

    @ModelAttribute("accounts")
    List<Account> accounts(Authentication authentication) {
        return principal(authentication) instanceof Principal p ? this.places.accounts(p) : List.of();
    }

    @ModelAttribute("who")
    String who(Authentication authentication) {
        return principal(authentication) instanceof Principal p ? p.describe() : null;
    }

    @ModelAttribute("isOperator")
    boolean isOperator(Authentication authentication) {
        return principal(authentication) instanceof Principal p && p.isOperator();
    }

    private static Object principal(Authentication authentication) {
        return authentication == null ? null : authentication.getPrincipal();
    }
}
