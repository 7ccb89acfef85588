package dev.keyhold.certificates;

import dev.keyhold.csr.CsrId;
import dev.keyhold.keys.KeyId;
import dev.keyhold.tenancy.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored custom certificate as the API reports it: the leaf's facts, how it is served, and its status at the time
 * it was read. Holds the id of its key, never the key, and no PEM.
 *
 * @param csrId the custom CSR whose key the certificate carries, or empty when it was uploaded with its private key
 * @param geoRestriction the {@code geo_restrictions.label}, or null when none was set
 * @param policy the {@code policy} expression, or null when none was set
 */
public record CustomCertificate(
        CertificateId id,
        ZoneId zoneId,
        Optional<CsrId> csrId,
        KeyId keyId,
        CertificateType type,
        BundleMethod bundleMethod,
        int priority,
        List<String> hosts,
        String issuer,
        String serialNumber,
        String signature,
        String keyType,
        Instant notBefore,
        Instant expiresOn,
        String geoRestriction,
        String policy,
        Instant uploadedOn,
        Instant modifiedOn,
        CertificateStatus status) {

    public CustomCertificate {
        hosts = List.copyOf(hosts);
    }
}
