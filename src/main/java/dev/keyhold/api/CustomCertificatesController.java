package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.certificates.CertificateId;
import dev.keyhold.certificates.CertificateStatus;
import dev.keyhold.certificates.CustomCertificates;
import dev.keyhold.certificates.UploadedCertificate;
import dev.keyhold.tenancy.Zone;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Custom certificates of a zone ({@code /zones/{zone_id}/custom_certificates}), as Cloudflare's v4 API serves them. */
@RestController
@RequestMapping("/client/v4/zones/{zone_id}/custom_certificates")
class CustomCertificatesController {

    static final int PER_PAGE = 20;

    /** The envelope code of an upload warning (Cloudflare documents none). */
    static final int WARNING_CODE = 1100;

    private final CustomCertificates certificates;

    private final Scopes scopes;

    CustomCertificatesController(CustomCertificates certificates, Scopes scopes) {
        this.certificates = certificates;
        this.scopes = scopes;
    }

    @PostMapping
    Envelope<CertificateView> create(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @RequestBody(required = false) CertificateBody body) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        return uploaded(this.certificates.create(zone, requireBody(body).toRequest()));
    }

    @GetMapping
    Envelope<List<CertificateView>> list(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "match", required = false) String match) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_READ);
        PageRequest request = PageRequest.of(page, perPage, PER_PAGE);
        // NOTE: with status the only filter, match=any and match=all select the same certificates
        if (match != null && !match.equals("any") && !match.equals("all")) {
            throw new InvalidParameterException("match", match, "must be any or all");
        }
        Optional<CertificateStatus> filter = Optional.ofNullable(status).map(s -> CertificateStatus.fromApiName(s)
                .orElseThrow(() -> new InvalidParameterException(
                        "status", s, "must be active, expired, deleted, pending or initializing")));
        List<CertificateView> items =
                this.certificates.list(zone.id(), filter, request.offset(), request.perPage()).stream()
                        .map(CertificateView::of)
                        .toList();
        return Envelope.page(items, ResultInfo.of(request, items.size(), this.certificates.count(zone.id(), filter)));
    }

    @PutMapping("/prioritize")
    Envelope<List<CertificateView>> prioritize(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @RequestBody(required = false) PrioritizeBody body) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        if (body == null) {
            throw CertificateBody.invalid("certificates", null, "an array of {id, priority}");
        }
        return Envelope.ok(this.certificates.prioritize(zone, body.priorities()).stream()
                .map(CertificateView::of)
                .toList());
    }

    @GetMapping("/{custom_certificate_id}")
    Envelope<CertificateView> get(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @PathVariable("custom_certificate_id") String id) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_READ);
        return Envelope.ok(CertificateView.of(this.certificates.require(zone.id(), CertificateId.parse(id))));
    }

    @PatchMapping("/{custom_certificate_id}")
    Envelope<CertificateView> edit(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @PathVariable("custom_certificate_id") String id,
            @RequestBody(required = false) CertificateBody body) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        CertificateId certificateId = CertificateId.parse(id);
        return uploaded(
                this.certificates.edit(zone, certificateId, requireBody(body).toRequest()));
    }

    @DeleteMapping("/{custom_certificate_id}")
    Envelope<IdResult> delete(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @PathVariable("custom_certificate_id") String id) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        return Envelope.ok(new IdResult(
                this.certificates.delete(zone, CertificateId.parse(id)).value()));
    }

    private static CertificateBody requireBody(CertificateBody body) {
        if (body == null) {
            throw CertificateBody.invalid("certificate", null, "a JSON object with certificate");
        }
        return body;
    }

    private static Envelope<CertificateView> uploaded(UploadedCertificate uploaded) {
        List<ApiError> messages = uploaded.warnings().stream()
                .map(w -> new ApiError(WARNING_CODE, w))
                .toList();
        return Envelope.ok(CertificateView.of(uploaded.certificate()), messages);
    }
}
