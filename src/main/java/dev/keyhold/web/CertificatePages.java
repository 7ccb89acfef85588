package dev.keyhold.web;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.certificates.BundleMethod;
import dev.keyhold.certificates.CertificateError;
import dev.keyhold.certificates.CertificateId;
import dev.keyhold.certificates.CertificateRequest;
import dev.keyhold.certificates.CertificateType;
import dev.keyhold.certificates.CustomCertificate;
import dev.keyhold.certificates.CustomCertificates;
import dev.keyhold.certificates.InvalidCertificateIdException;
import dev.keyhold.certificates.InvalidCertificateRequestException;
import dev.keyhold.certificates.UploadedCertificate;
import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CustomCsr;
import dev.keyhold.csr.CustomCsrs;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Upload Custom SSL Certificate" on a zone's Edge Certificates page: with a PEM private key, or, with Encoding mode
 * "Certificate Signing Request (CSR)", for a CSR Keyhold holds the key of. Renew (replace) and delete. The checks and
 * their words are the API's ({@link CustomCertificates}, {@link CertificateError}).
 */
@Controller
class CertificatePages {

    private static final CertificateError.Family FAMILY = CertificateError.Family.CUSTOM_CERTIFICATES;

    private final Places places;

    private final CustomCertificates certificates;

    private final CustomCsrs csrs;

    CertificatePages(Places places, CustomCertificates certificates, CustomCsrs csrs) {
        this.places = places;
        this.certificates = certificates;
        this.csrs = csrs;
    }

    @GetMapping("/zones/{zoneId}/ssl-tls/certificates/new")
    String upload(@AuthenticationPrincipal Principal principal, @PathVariable String zoneId, Model model) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CertificateForm form = new CertificateForm();
        if (!usable(place).isEmpty()) {
            form.setMode("csr");
        }
        return form(place, form, null, Map.of(), model);
    }

    @PostMapping("/zones/{zoneId}/ssl-tls/certificates")
    String create(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String zoneId,
            @ModelAttribute("form") CertificateForm form,
            Model model,
            RedirectAttributes redirect) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        try {
            UploadedCertificate uploaded = this.certificates.create(place.zone().orElseThrow(), request(form, true));
            return done(place, uploaded, "Uploaded the certificate for ", redirect);
        } catch (RuntimeException ex) {
            return form(place, form, null, refusal(ex), model);
        }
    }

    @GetMapping("/zones/{zoneId}/ssl-tls/certificates/{certificateId}/renew")
    String renew(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String zoneId,
            @PathVariable String certificateId,
            Model model) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CustomCertificate existing = require(place, certificateId);
        CertificateForm form = new CertificateForm();
        existing.csrId().ifPresent(csr -> {
            form.setMode("csr");
            form.setCsrId(csr.value());
        });
        form.setBundleMethod(existing.bundleMethod().apiName());
        form.setType(existing.type().apiName());
        return form(place, form, existing, Map.of(), model);
    }

    @PostMapping("/zones/{zoneId}/ssl-tls/certificates/{certificateId}/renew")
    String replace(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String zoneId,
            @PathVariable String certificateId,
            @ModelAttribute("form") CertificateForm form,
            Model model,
            RedirectAttributes redirect) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CustomCertificate existing = require(place, certificateId);
        try {
            UploadedCertificate renewed =
                    this.certificates.edit(place.zone().orElseThrow(), existing.id(), request(form, false));
            return done(place, renewed, "Replaced the certificate for ", redirect);
        } catch (RuntimeException ex) {
            return form(place, form, existing, refusal(ex), model);
        }
    }

    @PostMapping("/zones/{zoneId}/ssl-tls/certificates/{certificateId}/delete")
    String delete(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String zoneId,
            @PathVariable String certificateId,
            RedirectAttributes redirect) {
        Place place = this.places.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CustomCertificate existing = require(place, certificateId);
        this.certificates.delete(place.zone().orElseThrow(), existing.id());
        redirect.addFlashAttribute(
                "notice", "Deleted the certificate for " + String.join(", ", existing.hosts()) + ".");
        return "redirect:" + place.home();
    }

    private String done(Place place, UploadedCertificate result, String what, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "notice", what + String.join(", ", result.certificate().hosts()) + ".");
        if (!result.warnings().isEmpty()) {
            redirect.addFlashAttribute("warnings", result.warnings());
        }
        return "redirect:" + place.home();
    }

    /** The API's request for the form; {@code create} sends defaults, an edit leaves unchanged choices out. */
    private static CertificateRequest request(CertificateForm form, boolean create) {
        CsrId csr = form.usesCsr() && !form.getCsrId().isBlank() ? CsrId.parse(form.getCsrId()) : null;
        String key = form.usesCsr() || form.privateKey().isBlank() ? null : form.privateKey();
        return new CertificateRequest(
                form.getCertificate(),
                key,
                create || key == null ? csr : null,
                BundleMethod.fromApiName(form.getBundleMethod()).orElse(BundleMethod.UBIQUITOUS),
                create ? CertificateType.fromApiName(form.getType()).orElse(CertificateType.SNI_CUSTOM) : null,
                null,
                null);
    }

    /** The refusal in the API's code and words, keyed by the form field it is about. */
    private static Map<String, String> refusal(RuntimeException ex) {
        if (ex instanceof InvalidCertificateRequestException e) {
            CertificateError error = CertificateError.invalidRequest(e);
            return UploadRefusals.message("form", error.code(), error.message());
        }
        return UploadRefusals.of(ex, FAMILY);
    }

    private CustomCertificate require(Place place, String rawId) {
        try {
            return this.certificates
                    .find(place.zone().orElseThrow().id(), CertificateId.parse(rawId))
                    .orElseThrow(() -> new PageNotFoundException("certificate " + rawId));
        } catch (InvalidCertificateIdException ex) {
            throw new PageNotFoundException("certificate " + rawId);
        }
    }

    /** The CSRs a certificate in the zone may use, for the Encoding mode's CSR choice. */
    private List<CustomCsr> usable(Place place) {
        return this.csrs.usableIn(
                place.account().id(), place.zone().orElseThrow().id(), CsrPages.LISTED);
    }

    private String form(
            Place place, CertificateForm form, CustomCertificate existing, Map<String, String> errors, Model model) {
        model.addAttribute("place", place);
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        model.addAttribute("usableCsrs", usable(place));
        model.addAttribute("errors", errors);
        return "certificate-upload";
    }
}
