package dev.keyhold.web;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.certificates.CertificateError;
import dev.keyhold.csr.CustomCsr;
import dev.keyhold.csr.CustomCsrs;
import dev.keyhold.hostnames.CustomHostname;
import dev.keyhold.hostnames.CustomHostnames;
import dev.keyhold.hostnames.DuplicateHostnameException;
import dev.keyhold.hostnames.HostnameError;
import dev.keyhold.hostnames.HostnameId;
import dev.keyhold.hostnames.HostnameNotFoundException;
import dev.keyhold.hostnames.HostnameQuery;
import dev.keyhold.hostnames.HostnameRequest;
import dev.keyhold.hostnames.HostnameUpdate;
import dev.keyhold.hostnames.InvalidHostnameIdException;
import dev.keyhold.hostnames.InvalidHostnameRequestException;
import dev.keyhold.hostnames.SavedHostname;
import dev.keyhold.hostnames.SslRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The zone's Custom Hostnames (Cloudflare for SaaS): list, add with the same CSR-based upload as custom certificates
 * (or a pasted private key, or no certificate yet), and delete. Rules and words are the API's.
 */
@Controller
class HostnamePages {

    static final int LISTED = 200;

    private static final CertificateError.Family FAMILY = CertificateError.Family.CUSTOM_HOSTNAMES;

    private final Places places;

    private final CustomHostnames hostnames;

    private final CustomCsrs csrs;

    private final Clock clock;

    HostnamePages(Places places, CustomHostnames hostnames, CustomCsrs csrs, Clock clock) {
        this.places = places;
        this.hostnames = hostnames;
        this.csrs = csrs;
        this.clock = clock;
    }

    @GetMapping("/zones/{zoneId}/ssl-tls/custom-hostnames")
    String list(@AuthenticationPrincipal Principal principal, @PathVariable String zoneId, Model model) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_READ);
        Instant now = this.clock.instant();
        model.addAttribute("place", place);
        model.addAttribute("section", "hostnames");
        model.addAttribute(
                "canWrite",
                principal.can(
                        Permission.ZONE_SSL_WRITE,
                        place.account().id(),
                        place.zone().orElseThrow().id()));
        model.addAttribute(
                "hostnames",
                this.hostnames.list(place.zone().orElseThrow(), HostnameQuery.all(), 0, LISTED).stream()
                        .map(h -> HostnameRow.of(h, now))
                        .toList());
        return "custom-hostnames";
    }

    @GetMapping("/zones/{zoneId}/ssl-tls/custom-hostnames/new")
    String add(@AuthenticationPrincipal Principal principal, @PathVariable String zoneId, Model model) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CertificateForm form = new CertificateForm();
        if (!usable(place).isEmpty()) {
            form.setMode("csr");
        }
        return form(place, "", form, Map.of(), model);
    }

    @PostMapping("/zones/{zoneId}/ssl-tls/custom-hostnames")
    String create(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String zoneId,
            @RequestParam(name = "hostname", defaultValue = "") String hostname,
            @ModelAttribute("form") CertificateForm form,
            Model model,
            RedirectAttributes redirect) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        try {
            SavedHostname saved = this.hostnames.create(
                    place.zone().orElseThrow(), new HostnameRequest(hostname.strip(), ssl(form), null, null, null));
            redirect.addFlashAttribute(
                    "notice", "Added the custom hostname " + saved.hostname().hostname() + ".");
            if (!saved.warnings().isEmpty()) {
                redirect.addFlashAttribute("warnings", saved.warnings());
            }
            return "redirect:" + place.base() + "/custom-hostnames";
        } catch (RuntimeException ex) {
            return form(place, hostname, form, refusal(ex), model);
        }
    }

    @GetMapping("/zones/{zoneId}/ssl-tls/custom-hostnames/{hostnameId}/certificate")
    String replace(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String zoneId,
            @PathVariable String hostnameId,
            Model model) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CustomHostname h = require(place, hostnameId);
        CertificateForm form = new CertificateForm();
        if (h.ssl() != null && h.ssl().customCsrId() != null) {
            form.setMode("csr");
            form.setCsrId(h.ssl().customCsrId().value());
        } else if (h.ssl() == null && !usable(place).isEmpty()) {
            form.setMode("csr");
        }
        model.addAttribute("existing", h);
        return form(place, h.hostname(), form, Map.of(), model);
    }

    @PostMapping("/zones/{zoneId}/ssl-tls/custom-hostnames/{hostnameId}/certificate")
    String replaced(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String zoneId,
            @PathVariable String hostnameId,
            @ModelAttribute("form") CertificateForm form,
            Model model,
            RedirectAttributes redirect) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CustomHostname h = require(place, hostnameId);
        try {
            SavedHostname saved = this.hostnames.update(
                    place.zone().orElseThrow(), h.id(), new HostnameUpdate(null, ssl(form), null, null, null));
            redirect.addFlashAttribute(
                    "notice", "Saved the certificate of " + saved.hostname().hostname() + ".");
            if (!saved.warnings().isEmpty()) {
                redirect.addFlashAttribute("warnings", saved.warnings());
            }
            return "redirect:" + place.base() + "/custom-hostnames";
        } catch (RuntimeException ex) {
            model.addAttribute("existing", h);
            return form(place, h.hostname(), form, refusal(ex), model);
        }
    }

    @PostMapping("/zones/{zoneId}/ssl-tls/custom-hostnames/{hostnameId}/delete")
    String delete(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String zoneId,
            @PathVariable String hostnameId,
            RedirectAttributes redirect) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CustomHostname h = require(place, hostnameId);
        this.hostnames.delete(place.zone().orElseThrow(), h.id());
        redirect.addFlashAttribute("notice", "Deleted the custom hostname " + h.hostname() + ".");
        return "redirect:" + place.base() + "/custom-hostnames";
    }

    /** The {@code ssl} object: a certificate with a CSR's key or a pasted one, or nothing to upload yet. */
    private static SslRequest ssl(CertificateForm form) {
        boolean certificate = !form.getCertificate().isBlank();
        String csr = certificate && form.usesCsr() ? form.getCsrId() : null;
        String key = certificate && !form.usesCsr() ? form.privateKey() : null;
        return new SslRequest(
                null, null, form.getBundleMethod(), null, null, certificate ? form.getCertificate() : null, key, csr);
    }

    private static Map<String, String> refusal(RuntimeException ex) {
        if (ex instanceof InvalidHostnameRequestException e) {
            HostnameError error = HostnameError.of(e);
            String field = e.reason() == InvalidHostnameRequestException.Reason.HOSTNAME ? "hostname" : "form";
            return UploadRefusals.message(field, error.code(), error.message());
        }
        if (ex instanceof DuplicateHostnameException) {
            return UploadRefusals.message(
                    "hostname", HostnameError.DUPLICATE.code(), HostnameError.DUPLICATE.message());
        }
        return UploadRefusals.of(ex, FAMILY);
    }

    private CustomHostname require(Place place, String rawId) {
        try {
            return this.hostnames.require(place.zone().orElseThrow(), HostnameId.parse(rawId));
        } catch (InvalidHostnameIdException | HostnameNotFoundException ex) {
            throw new PageNotFoundException("custom hostname " + rawId);
        }
    }

    private List<CustomCsr> usable(Place place) {
        return this.csrs.usableIn(
                place.account().id(), place.zone().orElseThrow().id(), CsrPages.LISTED);
    }

    private String form(Place place, String hostname, CertificateForm form, Map<String, String> errors, Model model) {
        model.addAttribute("place", place);
        model.addAttribute("hostname", hostname);
        model.addAttribute("form", form);
        model.addAttribute("usableCsrs", usable(place));
        model.addAttribute("errors", errors);
        return "custom-hostname-new";
    }

    /** A custom hostname in the table. */
    public record HostnameRow(CustomHostname hostname, String sslStatus, String issuer, String expires, String csrId) {

        static HostnameRow of(CustomHostname h, Instant now) {
            if (h.ssl() == null) {
                return new HostnameRow(h, "none", "—", "—", null);
            }
            return new HostnameRow(
                    h,
                    h.ssl().status(now),
                    h.ssl().findCertificate().map(c -> c.issuer()).orElse("—"),
                    h.ssl()
                            .findCertificate()
                            .map(c -> Display.instant(c.expiresOn()))
                            .orElse("—"),
                    h.ssl().customCsrId() == null ? null : h.ssl().customCsrId().value());
        }

        public String id() {
            return this.hostname.id().value();
        }

        public String name() {
            return this.hostname.hostname();
        }

        public String txtName() {
            return "_cf-custom-hostname." + this.hostname.hostname();
        }

        public String txtValue() {
            return this.hostname.verificationToken();
        }
    }
}
