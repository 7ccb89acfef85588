package dev.keyhold.web;

import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The landing page after sign-in: the accounts and zones the user can see, as the API would list them. */
@Controller
class HomeController {

    /** The accounts and zones come from {@link DashboardModel}, as on every page. */
    @GetMapping("/")
    String home() {
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
