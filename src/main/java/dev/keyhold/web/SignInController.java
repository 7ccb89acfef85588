package dev.keyhold.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security handles the form's POST through {@link PasswordSignIn}. */
@Controller
class SignInController {

    @GetMapping("/sign-in")
    String signIn(
            @RequestParam(name = "error", required = false) String error,
            @RequestParam(name = "signed-out", required = false) String signedOut,
            Authentication authentication,
            HttpSession session,
            Model model) {
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        if (error != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute(
                    "error",
                    failure instanceof AuthenticationException ex && ex.getMessage() != null
                            ? ex.getMessage()
                            : PasswordSignIn.WRONG);
        }
        model.addAttribute("signedOut", signedOut != null);
        return "sign-in";
    }
}
