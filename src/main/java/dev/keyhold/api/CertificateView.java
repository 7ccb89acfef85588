package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.certificates.CustomCertificate;
import dev.keyhold.csr.CsrId;
import java.time.Instant;
import java.util.List;

/**
 * A custom certificate on the wire: Cloudflare's {@code custom-certificate}. No PEM and no key ever; {@code type} is
 * not part of the published object (its schema allows no other properties), so it is not reported. Absent optional fields
 * ({@code custom_csr_id}, {@code geo_restrictions}, {@code policy_restrictions}) are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CertificateView(
        String id,
        @JsonProperty("zone_id") String zoneId,
        @JsonProperty("custom_csr_id") String customCsrId,
        List<String> hosts,
        String issuer,
        String signature,
        String status,
        @JsonProperty("bundle_method") String bundleMethod,
        int priority,
        @JsonProperty("geo_restrictions") CertificateBody.GeoRestrictions geoRestrictions,
        @JsonProperty("policy_restrictions") String policyRestrictions,
        @JsonProperty("expires_on") Instant expiresOn,
        @JsonProperty("uploaded_on") Instant uploadedOn,
        @JsonProperty("modified_on") Instant modifiedOn) {

    static CertificateView of(CustomCertificate c) {
        return new CertificateView(
                c.id().value(),
                c.zoneId().value(),
                c.csrId().map(CsrId::value).orElse(null),
                c.hosts(),
                c.issuer(),
                c.signature(),
                c.status().apiName(),
                c.bundleMethod().apiName(),
                c.priority(),
                c.geoRestriction() == null ? null : new CertificateBody.GeoRestrictions(c.geoRestriction()),
                c.policy(),
                c.expiresOn(),
                c.uploadedOn(),
                c.modifiedOn());
    }
}
