package dev.keyhold.hostnames;

import dev.keyhold.certificates.BundleMethod;
import dev.keyhold.csr.CsrId;
import dev.keyhold.keys.KeyId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The SSL side of a custom hostname. Keyhold issues no certificates, so the status is {@code pending_validation}
 * until a certificate is uploaded, then {@code active}, and {@code expired} once the leaf's notAfter has passed.
 *
 * @param customCsrId the CSR whose key the certificate carries, or null
 * @param keyId the CSR's key or the uploaded key; null until a certificate is uploaded
 * @param certificate the uploaded certificate, or null
 * @param uploadedOn when the certificate was uploaded, or null
 */
public record HostnameSsl(
        HostnameId id,
        String method,
        String type,
        BundleMethod bundleMethod,
        boolean wildcard,
        Map<String, Object> settings,
        CsrId customCsrId,
        KeyId keyId,
        HostnameCertificate certificate,
        Instant uploadedOn) {

    public static final String PENDING_VALIDATION = "pending_validation";

    public static final String ACTIVE = "active";

    public static final String EXPIRED = "expired";

    public HostnameSsl {
        settings = Map.copyOf(settings);
    }

    /** Cloudflare's {@code ssl.status} at the given time. */
    public String status(Instant now) {
        if (this.certificate == null) {
            return PENDING_VALIDATION;
        }
        return now.isAfter(this.certificate.expiresOn()) ? EXPIRED : ACTIVE;
    }

    public Optional<HostnameCertificate> findCertificate() {
        return Optional.ofNullable(this.certificate);
    }

    /** Whether the key was uploaded with the hostname (and is destroyed with it) rather than a CSR's. */
    boolean ownsKey() {
        return this.keyId != null && this.customCsrId == null;
    }
}
