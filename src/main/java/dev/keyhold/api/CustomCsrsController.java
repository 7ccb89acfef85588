package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CsrOrder;
import dev.keyhold.csr.CsrScope;
import dev.keyhold.csr.CustomCsr;
import dev.keyhold.csr.CustomCsrs;
import dev.keyhold.csr.ValidCsrRequest;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.Entitlement;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.Zone;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Custom CSRs at zone scope ({@code /zones/{zone_id}/custom_csrs}) and account scope
 * ({@code /accounts/{account_id}/custom_csrs}), as Cloudflare's v4 API serves them.
 */
@RestController
@RequestMapping("/client/v4")
class CustomCsrsController {

    // NOTE: Cloudflare's defaults differ by scope: 20 a page for zones, 50 for accounts.
    static final int ZONE_PER_PAGE = 20;

    static final int ACCOUNT_PER_PAGE = 50;

    private final CustomCsrs csrs;

    private final Tenancy tenancy;

    private final Scopes scopes;

    CustomCsrsController(CustomCsrs csrs, Tenancy tenancy, Scopes scopes) {
        this.csrs = csrs;
        this.tenancy = tenancy;
        this.scopes = scopes;
    }

    @PostMapping("/zones/{zone_id}/custom_csrs")
    ResponseEntity<Envelope<CsrView>> createInZone(
            Principal principal, @PathVariable("zone_id") String zoneId, @RequestBody(required = false) CsrBody body) {
        return create(zoneScope(principal, zoneId, Permission.ZONE_SSL_WRITE), Entitlement.CUSTOM_CSRS, body);
    }

    @PostMapping("/accounts/{account_id}/custom_csrs")
    ResponseEntity<Envelope<CsrView>> createInAccount(
            Principal principal,
            @PathVariable("account_id") String accountId,
            @RequestBody(required = false) CsrBody body) {
        return create(
                accountScope(principal, accountId, Permission.ACCOUNT_SSL_WRITE),
                Entitlement.ACCOUNT_CUSTOM_CSRS,
                body);
    }

    @GetMapping("/zones/{zone_id}/custom_csrs")
    Envelope<List<CsrView>> listInZone(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage) {
        CsrScope scope = zoneScope(principal, zoneId, Permission.ZONE_SSL_READ);
        return list(scope, PageRequest.of(page, perPage, ZONE_PER_PAGE), CsrOrder.DEFAULT);
    }

    @GetMapping("/accounts/{account_id}/custom_csrs")
    Envelope<List<CsrView>> listInAccount(
            Principal principal,
            @PathVariable("account_id") String accountId,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage,
            @RequestParam(name = "order", required = false) String order,
            @RequestParam(name = "direction", required = false) String direction) {
        CsrScope scope = accountScope(principal, accountId, Permission.ACCOUNT_SSL_READ);
        return list(scope, PageRequest.of(page, perPage, ACCOUNT_PER_PAGE), order(order, direction));
    }

    @GetMapping("/zones/{zone_id}/custom_csrs/{custom_csr_id}")
    Envelope<CsrView> getInZone(
            Principal principal, @PathVariable("zone_id") String zoneId, @PathVariable("custom_csr_id") String csrId) {
        CsrScope scope = zoneScope(principal, zoneId, Permission.ZONE_SSL_READ);
        return Envelope.ok(CsrView.of(this.csrs.require(scope, CsrId.parse(csrId))));
    }

    @GetMapping("/accounts/{account_id}/custom_csrs/{custom_csr_id}")
    Envelope<CsrView> getInAccount(
            Principal principal,
            @PathVariable("account_id") String accountId,
            @PathVariable("custom_csr_id") String csrId) {
        CsrScope scope = accountScope(principal, accountId, Permission.ACCOUNT_SSL_READ);
        return Envelope.ok(CsrView.of(this.csrs.require(scope, CsrId.parse(csrId))));
    }

    @DeleteMapping("/zones/{zone_id}/custom_csrs/{custom_csr_id}")
    Envelope<IdResult> deleteInZone(
            Principal principal, @PathVariable("zone_id") String zoneId, @PathVariable("custom_csr_id") String csrId) {
        CsrScope scope = zoneScope(principal, zoneId, Permission.ZONE_SSL_WRITE);
        return Envelope.ok(
                new IdResult(this.csrs.delete(scope, CsrId.parse(csrId)).value()));
    }

    @DeleteMapping("/accounts/{account_id}/custom_csrs/{custom_csr_id}")
    Envelope<IdResult> deleteInAccount(
            Principal principal,
            @PathVariable("account_id") String accountId,
            @PathVariable("custom_csr_id") String csrId) {
        CsrScope scope = accountScope(principal, accountId, Permission.ACCOUNT_SSL_WRITE);
        return Envelope.ok(
                new IdResult(this.csrs.delete(scope, CsrId.parse(csrId)).value()));
    }

    private ResponseEntity<Envelope<CsrView>> create(CsrScope scope, Entitlement entitlement, CsrBody body) {
        if (body == null) {
            throw new InvalidRequestException(CsrErrors.BAD_JSON);
        }
        this.tenancy.requireEntitlement(scope.account(), entitlement);
        ValidCsrRequest request = this.csrs.validate(body.toRequest());
        CustomCsr created = this.csrs.create(scope, request);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.ok(CsrView.of(created)));
    }

    private Envelope<List<CsrView>> list(CsrScope scope, PageRequest page, CsrOrder order) {
        List<CsrView> items = this.csrs.list(scope, order, page.offset(), page.perPage()).stream()
                .map(CsrView::of)
                .toList();
        return Envelope.page(items, ResultInfo.of(page, items.size(), this.csrs.count(scope)));
    }

    private CsrScope zoneScope(Principal principal, String zoneId, Permission permission) {
        Zone zone = this.scopes.zone(principal, zoneId, permission);
        return CsrScope.zone(zone.accountId(), zone.id());
    }

    private CsrScope accountScope(Principal principal, String accountId, Permission permission) {
        Account account = this.scopes.account(principal, accountId, permission);
        return CsrScope.account(account.id());
    }

    static CsrOrder order(String order, String direction) {
        CsrOrder.Field field = CsrOrder.Field.CREATED_AT;
        if (order != null) {
            field = switch (order) {
                case "name" -> CsrOrder.Field.NAME;
                case "account_tag" -> CsrOrder.Field.ACCOUNT_TAG;
                case "created_at" -> CsrOrder.Field.CREATED_AT;
                default ->
                    throw new InvalidParameterException("order", order, "must be name, account_tag or created_at");
            };
        }
        boolean descending = false;
        if (direction != null) {
            descending = switch (direction.toLowerCase(Locale.ROOT)) {
                case "asc" -> false;
                case "desc" -> true;
                default -> throw new InvalidParameterException("direction", direction, "must be asc or desc");
            };
        }
        return new CsrOrder(field, descending);
    }
}
