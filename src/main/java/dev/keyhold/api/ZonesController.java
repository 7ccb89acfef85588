package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.dns.DnsName;
import dev.keyhold.dns.DnsNameRules;
import dev.keyhold.dns.InvalidDnsNameException;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.Zone;
import dev.keyhold.tenancy.ZoneQuery;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Zones: created in an account, listed with Cloudflare's {@code name} and {@code account.id} filters. */
@RestController
@RequestMapping("/client/v4/zones")
class ZonesController {

    private final Tenancy tenancy;

    private final Scopes scopes;

    private final DnsNameRules names;

    ZonesController(Tenancy tenancy, Scopes scopes, DnsNameRules names) {
        this.tenancy = tenancy;
        this.scopes = scopes;
        this.names = names;
    }

    @PostMapping
    Envelope<ZoneView> create(Principal principal, @RequestBody(required = false) ZoneBody body) {
        if (body == null || body.account() == null || body.account().id() == null) {
            throw new InvalidRequestException(
                    new ApiError(1001, "A zone needs an account: send {\"account\": {\"id\": ...}}.")
                            .at("/account/id"));
        }
        Account account = this.scopes.visibleAccount(principal, body.account().id());
        // NOTE: a zone permission asked of the account means "on every zone of it", which is what creating one needs
        if (!principal.can(Permission.ZONE_WRITE, account.id())) {
            throw new AccessDeniedException(principal.describe() + " cannot create zones in " + account.id());
        }
        DnsName name = zoneName(body.name());
        return Envelope.ok(ZoneView.of(this.tenancy.createZone(name.value(), account.id())));
    }

    @GetMapping
    Envelope<List<ZoneView>> list(
            Principal principal,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "account.id", required = false) String accountId) {
        PageRequest request = PageRequest.of(page, perPage, 20);
        Optional<AccountId> account =
                Optional.ofNullable(accountId).filter(a -> !a.isBlank()).map(Scopes::accountId);
        ZoneQuery query = new ZoneQuery(
                principal.visibleZones(),
                Optional.ofNullable(name).filter(n -> !n.isBlank()).map(n -> n.strip()
                        .toLowerCase(Locale.ROOT)),
                account);
        List<ZoneView> items = this.tenancy.listZones(query, request.offset(), request.perPage()).stream()
                .map(ZoneView::of)
                .toList();
        return Envelope.page(items, ResultInfo.of(request, items.size(), this.tenancy.countZones(query)));
    }

    @GetMapping("/{zone_id}")
    Envelope<ZoneView> get(Principal principal, @PathVariable("zone_id") String zoneId) {
        return Envelope.ok(ZoneView.of(this.scopes.zone(principal, zoneId, Permission.ZONE_READ)));
    }

    @DeleteMapping("/{zone_id}")
    Envelope<IdResult> delete(Principal principal, @PathVariable("zone_id") String zoneId) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_WRITE);
        return Envelope.ok(new IdResult(this.tenancy.deleteZone(zone.id()).id().value()));
    }

    private DnsName zoneName(String raw) {
        try {
            return this.names.checkZoneName(raw == null ? null : raw.strip());
        } catch (InvalidDnsNameException ex) {
            String shown = raw == null ? "" : raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
            throw new InvalidRequestException(new ApiError(
                            1099,
                            "\"" + shown + "\" is not a valid zone name: " + ex.reason()
                                    + ". Use a registered domain such as shop.keyhold.dev.")
                    .at("/name"));
        }
    }
}
