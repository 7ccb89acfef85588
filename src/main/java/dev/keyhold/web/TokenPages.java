package dev.keyhold.web;

import dev.keyhold.auth.CreatedToken;
import dev.keyhold.auth.InvalidTokenRequestException;
import dev.keyhold.auth.Permission;
import dev.keyhold.auth.PermissionGroup;
import dev.keyhold.auth.PermissionGroups;
import dev.keyhold.auth.Principal;
import dev.keyhold.auth.Token;
import dev.keyhold.auth.TokenGrantDeniedException;
import dev.keyhold.auth.TokenId;
import dev.keyhold.auth.TokenRequest;
import dev.keyhold.auth.TokenResource;
import dev.keyhold.auth.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's API tokens: list, create from permission groups and a zone resource (the value is shown once, with
 * copy), and delete. Tokens are made by {@link Tokens} with the signed-in user as grantor, so a user can only grant
 * what they hold, exactly as through the API.
 */
@Controller
class TokenPages {

    static final int LISTED = 200;

    private final Places places;

    private final Tokens tokens;

    TokenPages(Places places, Tokens tokens) {
        this.places = places;
        this.tokens = tokens;
    }

    @GetMapping("/accounts/{accountId}/api-tokens")
    String list(@AuthenticationPrincipal Principal principal, @PathVariable String accountId, Model model) {
        Place place = this.places.account(principal, accountId, Permission.ACCOUNT_TOKENS_READ);
        return page(principal, place, model, null, null);
    }

    @PostMapping("/accounts/{accountId}/api-tokens")
    String create(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String accountId,
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "groups", required = false) List<String> groups,
            @RequestParam(name = "zone", defaultValue = "all") String zone,
            Model model) {
        Place place = this.places.account(principal, accountId, Permission.ACCOUNT_TOKENS_WRITE);
        try {
            CreatedToken created =
                    this.tokens.create(place.account().id(), request(place, name, groups, zone), principal);
            // NOTE: the value is put in this one response only; it is stored nowhere but as a hash
            model.addAttribute("createdValue", created.value());
            model.addAttribute("createdName", created.token().name());
            return page(principal, place, model, null, null);
        } catch (InvalidTokenRequestException | TokenGrantDeniedException ex) {
            return page(principal, place, model, ex.getMessage(), new TokenFormState(name, groups, zone));
        }
    }

    @PostMapping("/accounts/{accountId}/api-tokens/{tokenId}/delete")
    String delete(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String accountId,
            @PathVariable String tokenId,
            RedirectAttributes redirect) {
        Place place = this.places.account(principal, accountId, Permission.ACCOUNT_TOKENS_WRITE);
        Token token = (TokenId.isWellFormed(tokenId)
                        ? this.tokens.find(place.account().id(), new TokenId(tokenId))
                        : Optional.<Token>empty())
                .orElseThrow(() -> new PageNotFoundException("token " + tokenId));
        this.tokens.delete(place.account().id(), token.id());
        redirect.addFlashAttribute("notice", "Deleted the token " + token.name() + ". It stops working now.");
        return "redirect:/accounts/" + accountId + "/api-tokens";
    }

    private static TokenRequest request(Place place, String name, List<String> groups, String zone) {
        List<String> chosen = groups == null ? List.of() : groups;
        List<String> zoneGroups = new ArrayList<>();
        List<String> accountGroups = new ArrayList<>();
        for (String id : chosen) {
            PermissionGroups.find(id)
                    .ifPresent(g -> (g.scope() == Permission.Scope.ZONE ? zoneGroups : accountGroups).add(g.id()));
        }
        String account = TokenResource.ACCOUNT_PREFIX + place.account().id().value();
        List<TokenRequest.Policy> policies = new ArrayList<>();
        if (!zoneGroups.isEmpty()) {
            Map<String, Object> resources = "all".equals(zone)
                    ? Map.of(account, Map.of(TokenResource.ALL_ZONES_KEY, TokenResource.ANY))
                    : Map.of(TokenResource.ZONE_PREFIX + zone, TokenResource.ANY);
            policies.add(new TokenRequest.Policy(null, "allow", zoneGroups, resources));
        }
        if (!accountGroups.isEmpty()) {
            policies.add(new TokenRequest.Policy(null, "allow", accountGroups, Map.of(account, TokenResource.ANY)));
        }
        return new TokenRequest(name, policies, null, null, null, null);
    }

    private String page(Principal principal, Place place, Model model, String error, TokenFormState form) {
        model.addAttribute("place", place);
        model.addAttribute(
                "accountZones",
                this.places.zones(principal).stream()
                        .filter(z -> z.accountId().equals(place.account().id()))
                        .toList());
        model.addAttribute(
                "tokens",
                this.tokens.list(place.account().id(), 0, LISTED).stream()
                        .map(TokenRow::new)
                        .toList());
        model.addAttribute("zoneGroups", groups(Permission.Scope.ZONE));
        model.addAttribute("accountGroups", groups(Permission.Scope.ACCOUNT));
        model.addAttribute(
                "canWrite",
                principal.can(Permission.ACCOUNT_TOKENS_WRITE, place.account().id()));
        model.addAttribute("section", "tokens");
        model.addAttribute("formError", error);
        model.addAttribute("form", form == null ? new TokenFormState("", List.of(), "all") : form);
        return "api-tokens";
    }

    private List<PermissionGroup> groups(Permission.Scope scope) {
        return this.tokens.permissionGroups().stream()
                .filter(g -> g.scope() == scope)
                .toList();
    }

    /** The create form as the user left it. */
    public record TokenFormState(String name, List<String> groups, String zone) {

        public TokenFormState {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        public boolean has(String group) {
            return this.groups.contains(group);
        }
    }

    /** A token in the table. */
    public record TokenRow(Token token) {

        public String name() {
            return this.token.name();
        }

        public String id() {
            return this.token.id().value();
        }

        public String status() {
            return this.token.status().wire();
        }

        public String issued() {
            return Display.instant(this.token.issuedOn());
        }

        public String expires() {
            return this.token.expiresOn().map(Display::instant).orElse("Never");
        }

        public String permissions() {
            Set<String> names = new LinkedHashSet<>();
            this.token.policies().forEach(p -> p.permissionGroups().forEach(g -> names.add(g.name())));
            return String.join(", ", names);
        }
    }
}
