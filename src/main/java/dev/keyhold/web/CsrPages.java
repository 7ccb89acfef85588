package dev.keyhold.web;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.certificates.CustomCertificate;
import dev.keyhold.certificates.CustomCertificates;
import dev.keyhold.csr.CsrError;
import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CsrInUseException;
import dev.keyhold.csr.CsrOrder;
import dev.keyhold.csr.CustomCsr;
import dev.keyhold.csr.CustomCsrs;
import dev.keyhold.csr.InvalidCsrIdException;
import dev.keyhold.csr.InvalidCsrRequestException;
import dev.keyhold.csr.ValidCsrRequest;
import dev.keyhold.tenancy.Entitlement;
import dev.keyhold.tenancy.NotEntitledException;
import dev.keyhold.tenancy.Tenancy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The seeds' "Certificate Signing Request (CSR)" card: list, Generate (with Scope), the CSR's PEM with "Click to
 * copy" and a download, and Delete with its in-use refusal. Zone pages live under {@code /zones/{id}/ssl-tls},
 * account pages under {@code /accounts/{id}/ssl-tls}. Every rule and message is the API's, from the csr package.
 */
@Controller
class CsrPages {

    static final int LISTED = 100;

    private final Places places;

    private final CustomCsrs csrs;

    private final Tenancy tenancy;

    private final CustomCertificates certificates;

    private final Clock clock;

    CsrPages(Places places, CustomCsrs csrs, Tenancy tenancy, CustomCertificates certificates, Clock clock) {
        this.places = places;
        this.csrs = csrs;
        this.tenancy = tenancy;
        this.certificates = certificates;
        this.clock = clock;
    }

    @GetMapping({"/zones/{zoneId}/ssl-tls/edge-certificates", "/accounts/{accountId}/ssl-tls"})
    String overview(
            @AuthenticationPrincipal Principal principal,
            @PathVariable(required = false) String zoneId,
            @PathVariable(required = false) String accountId,
            Model model) {
        Place place = this.places.of(principal, zoneId, accountId, false);
        common(principal, place, model);
        List<CsrRow> rows = this.csrs.list(place.csrScope(), CsrOrder.DEFAULT, 0, LISTED).stream()
                .map(c -> new CsrRow(c, !this.csrs.usersOf(c.id()).isEmpty()))
                .toList();
        model.addAttribute("csrs", rows);
        model.addAttribute("csrCount", this.csrs.count(place.csrScope()));
        model.addAttribute("section", place.isZone() ? "certificates" : "csrs");
        place.zone().ifPresent(zone -> {
            Map<CsrId, CustomCsr> usable = new LinkedHashMap<>();
            this.csrs.usableIn(place.account().id(), zone.id(), LISTED).forEach(c -> usable.put(c.id(), c));
            Instant now = this.clock.instant();
            model.addAttribute(
                    "certificates",
                    this.certificates.list(zone.id(), Optional.empty(), 0, LISTED).stream()
                            .map(c -> CertificateRow.of(
                                    c, c.csrId().map(usable::get).orElse(null), now))
                            .toList());
            model.addAttribute("hasUsableCsrs", !usable.isEmpty());
        });
        return "edge-certificates";
    }

    @GetMapping({"/zones/{zoneId}/ssl-tls/csrs/new", "/accounts/{accountId}/ssl-tls/csrs/new"})
    String newCsr(
            @AuthenticationPrincipal Principal principal,
            @PathVariable(required = false) String zoneId,
            @PathVariable(required = false) String accountId,
            Model model) {
        Place place = this.places.of(principal, zoneId, accountId, true);
        CsrForm form = new CsrForm();
        form.setScope(place.isZone() ? "zone" : "account");
        return form(principal, place, form, Map.of(), model);
    }

    @PostMapping({"/zones/{zoneId}/ssl-tls/csrs", "/accounts/{accountId}/ssl-tls/csrs"})
    String create(
            @AuthenticationPrincipal Principal principal,
            @PathVariable(required = false) String zoneId,
            @PathVariable(required = false) String accountId,
            @ModelAttribute("form") CsrForm form,
            Model model,
            RedirectAttributes redirect) {
        Place place = this.places.of(principal, zoneId, accountId, true);
        // the Scope field may move a zone page's CSR up to its account, with the account's own permission
        Place target = form.isAccount() && place.isZone()
                ? this.places.account(principal, place.account().id().value(), Permission.ACCOUNT_SSL_WRITE)
                : place;
        try {
            this.tenancy.requireEntitlement(
                    target.account().id(), target.isZone() ? Entitlement.CUSTOM_CSRS : Entitlement.ACCOUNT_CUSTOM_CSRS);
            ValidCsrRequest request = this.csrs.validate(form.toRequest());
            CustomCsr created = this.csrs.create(target.csrScope(), request);
            redirect.addFlashAttribute("notice", "Created the CSR for " + created.commonName() + ".");
            return "redirect:" + target.base() + "/csrs/" + created.id().value();
        } catch (InvalidCsrRequestException ex) {
            return form(principal, place, form, Map.of(field(ex.pointer()), CsrError.of(ex)), model);
        } catch (NotEntitledException ex) {
            CsrError error =
                    ex.entitlement() == Entitlement.CUSTOM_CSRS ? CsrError.NO_QUOTA_ZONE : CsrError.NO_QUOTA_ACCOUNT;
            return form(principal, place, form, Map.of("scope", error), model);
        }
    }

    @GetMapping({"/zones/{zoneId}/ssl-tls/csrs/{csrId}", "/accounts/{accountId}/ssl-tls/csrs/{csrId}"})
    String detail(
            @AuthenticationPrincipal Principal principal,
            @PathVariable(required = false) String zoneId,
            @PathVariable(required = false) String accountId,
            @PathVariable String csrId,
            Model model) {
        Place place = this.places.of(principal, zoneId, accountId, false);
        CustomCsr csr = require(place, csrId);
        common(principal, place, model);
        model.addAttribute("csr", csr);
        model.addAttribute("users", this.csrs.usersOf(csr.id()));
        model.addAttribute("keyType", Display.keyType(csr.keyType()));
        model.addAttribute("created", Display.instant(csr.createdAt()));
        return "csr";
    }

    @GetMapping({"/zones/{zoneId}/ssl-tls/csrs/{csrId}/download", "/accounts/{accountId}/ssl-tls/csrs/{csrId}/download"
    })
    ResponseEntity<String> download(
            @AuthenticationPrincipal Principal principal,
            @PathVariable(required = false) String zoneId,
            @PathVariable(required = false) String accountId,
            @PathVariable String csrId) {
        Place place = this.places.of(principal, zoneId, accountId, false);
        CustomCsr csr = require(place, csrId);
        String file = csr.commonName().replace('*', '_').replaceAll("[^A-Za-z0-9._-]", "_") + ".csr";
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "pkcs10"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(file, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(csr.pem());
    }

    @GetMapping({"/zones/{zoneId}/ssl-tls/csrs/{csrId}/delete", "/accounts/{accountId}/ssl-tls/csrs/{csrId}/delete"})
    String confirmDelete(
            @AuthenticationPrincipal Principal principal,
            @PathVariable(required = false) String zoneId,
            @PathVariable(required = false) String accountId,
            @PathVariable String csrId,
            Model model) {
        Place place = this.places.of(principal, zoneId, accountId, true);
        CustomCsr csr = require(place, csrId);
        common(principal, place, model);
        model.addAttribute("csr", csr);
        model.addAttribute("users", this.csrs.usersOf(csr.id()));
        return "csr-delete";
    }

    @PostMapping({"/zones/{zoneId}/ssl-tls/csrs/{csrId}/delete", "/accounts/{accountId}/ssl-tls/csrs/{csrId}/delete"})
    String delete(
            @AuthenticationPrincipal Principal principal,
            @PathVariable(required = false) String zoneId,
            @PathVariable(required = false) String accountId,
            @PathVariable String csrId,
            RedirectAttributes redirect) {
        Place place = this.places.of(principal, zoneId, accountId, true);
        CustomCsr csr = require(place, csrId);
        try {
            this.csrs.delete(place.csrScope(), csr.id());
        } catch (CsrInUseException ex) {
            redirect.addFlashAttribute("error", CsrError.inUse(ex).message());
            return "redirect:" + place.base() + "/csrs/" + csr.id().value();
        }
        redirect.addFlashAttribute(
                "notice", "Deleted the CSR for " + csr.commonName() + " and destroyed its private key.");
        return "redirect:" + place.home();
    }

    private CustomCsr require(Place place, String rawId) {
        try {
            return this.csrs
                    .find(place.csrScope(), CsrId.parse(rawId))
                    .orElseThrow(() -> new PageNotFoundException("CSR " + rawId));
        } catch (InvalidCsrIdException ex) {
            throw new PageNotFoundException("CSR " + rawId);
        }
    }

    private String form(Principal principal, Place place, CsrForm form, Map<String, CsrError> errors, Model model) {
        common(principal, place, model);
        model.addAttribute("form", form);
        Map<String, String> messages = new LinkedHashMap<>();
        errors.forEach((k, v) -> messages.put(k, v.message()));
        model.addAttribute("errors", messages);
        model.addAttribute(
                "accountScopeOffered",
                place.accountCsrsEntitled()
                        && principal.can(
                                Permission.ACCOUNT_SSL_WRITE, place.account().id()));
        return "csr-new";
    }

    private void common(Principal principal, Place place, Model model) {
        model.addAttribute("place", place);
        model.addAttribute(
                "canWrite",
                place.zone()
                        .map(z -> principal.can(Permission.ZONE_SSL_WRITE, z.accountId(), z.id()))
                        .orElseGet(() -> principal.can(
                                Permission.ACCOUNT_SSL_WRITE, place.account().id())));
    }

    /** The form field a CSR rule's JSON pointer names: {@code /common_name} is commonName, {@code /sans/2} sans2. */
    static String field(String pointer) {
        if (pointer == null) {
            return "form";
        }
        String p = pointer.startsWith("/") ? pointer.substring(1) : pointer;
        return switch (p) {
            case "common_name" -> "commonName";
            case "organizational_unit" -> "organizationalUnit";
            case "key_type" -> "keyType";
            default -> p.replace("/", "");
        };
    }

    /**
     * A certificate in the table: hosts, issuer, expiry (flagged when under 30 days), status, and the CSR it came
     * from, if any.
     */
    public record CertificateRow(
            CustomCertificate certificate, CustomCsr csr, String expires, boolean expiringSoon, String csrLink) {

        static final Duration SOON = Duration.ofDays(30);

        static CertificateRow of(CustomCertificate c, CustomCsr csr, Instant now) {
            String link = csr == null
                    ? null
                    : (csr.scope().isZone()
                                    ? "/zones/"
                                            + csr.scope().zone().orElseThrow().value()
                                    : "/accounts/" + csr.scope().account().value())
                            + "/ssl-tls/csrs/" + csr.id().value();
            boolean soon = c.expiresOn().isAfter(now) && c.expiresOn().isBefore(now.plus(SOON));
            return new CertificateRow(c, csr, Display.instant(c.expiresOn()), soon, link);
        }

        public String id() {
            return this.certificate.id().value();
        }

        public String hosts() {
            return String.join(", ", this.certificate.hosts());
        }

        public String status() {
            return this.certificate.status().apiName();
        }

        public String daysLeft() {
            return "expires in under " + SOON.toDays() + " days";
        }
    }

    /** A CSR in the list, with whether a certificate or hostname uses its key. */
    public record CsrRow(CustomCsr csr, boolean inUse) {

        public String created() {
            return Display.instant(this.csr.createdAt());
        }

        public String keyType() {
            return Display.keyType(this.csr.keyType());
        }
    }
}
