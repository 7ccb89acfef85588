package dev.keyhold.web;

import dev.keyhold.auth.Principal;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.ZoneId;
import dev.keyhold.tenancy.ZoneQuery;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The landing page after sign-in: the accounts and zones the user can see, as the API would list them. */
@Controller
class HomeController {

    static final int SHOWN = 200;

    private final Tenancy tenancy;

    HomeController(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal Principal principal, Model model) {
        model.addAttribute("accounts", this.tenancy.listAccounts(principal.visibleAccounts(), 0, SHOWN));
        model.addAttribute(
                "zones",
                this.tenancy.listZones(
                        new ZoneQuery(principal.visibleZones(), Optional.empty(), Optional.empty()), 0, SHOWN));
        return "home";
    }

    /** The account and zone switcher: {@code to} is {@code zone:<id>} or {@code account:<id>}. */
    @GetMapping("/switch")
    String switchTo(@RequestParam(name = "to", defaultValue = "") String to) {
        if (to.startsWith("zone:") && ZoneId.isWellFormed(to.substring(5))) {
            return "redirect:/zones/" + to.substring(5) + "/ssl-tls/edge-certificates";
        }
        if (to.startsWith("account:") && AccountId.isWellFormed(to.substring(8))) {
            return "redirect:/accounts/" + to.substring(8) + "/ssl-tls";
        }
        return "redirect:/";
    }
}
