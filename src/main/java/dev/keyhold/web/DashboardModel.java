package dev.keyhold.web;

import dev.keyhold.auth.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every dashboard page shows in its top bar: who is signed in, and whether they are the operator. */
@ControllerAdvice(basePackageClasses = DashboardModel.class)
class DashboardModel {

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
