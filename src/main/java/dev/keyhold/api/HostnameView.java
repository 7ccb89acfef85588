package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.hostnames.CustomHostname;
import dev.keyhold.hostnames.HostnameCertificate;
import dev.keyhold.hostnames.HostnameSsl;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A custom hostname on the wire (Cloudflare's {@code custom-hostname}). Never carries a PEM certificate or key: the
 * {@code ssl} object reports the certificate's facts only. Absent optional fields are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HostnameView(
        String id,
        String hostname,
        Ssl ssl,
        String status,
        @JsonProperty("ownership_verification") OwnershipVerification ownershipVerification,
        @JsonProperty("ownership_verification_http") OwnershipVerificationHttp ownershipVerificationHttp,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("custom_metadata") Map<String, String> customMetadata,
        @JsonProperty("custom_origin_server") String customOriginServer,
        @JsonProperty("custom_origin_sni") String customOriginSni) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ssl(
            String id,
            String type,
            String method,
            String status,
            @JsonProperty("custom_csr_id") String customCsrId,
            @JsonProperty("bundle_method") String bundleMethod,
            Boolean wildcard,
            String issuer,
            @JsonProperty("serial_number") String serialNumber,
            String signature,
            @JsonProperty("expires_on") Instant expiresOn,
            @JsonProperty("uploaded_on") Instant uploadedOn,
            List<String> hosts,
            Map<String, Object> settings) {}

    record OwnershipVerification(String type, String name, String value) {}

    record OwnershipVerificationHttp(
            @JsonProperty("http_url") String httpUrl, @JsonProperty("http_body") String httpBody) {}

    static HostnameView of(CustomHostname h, Instant now) {
        return new HostnameView(
                h.id().value(),
                h.hostname(),
                h.ssl() == null ? null : ssl(h.ssl(), now),
                CustomHostname.STATUS,
                new OwnershipVerification("txt", "_cf-custom-hostname." + h.hostname(), h.verificationToken()),
                new OwnershipVerificationHttp(
                        "http://" + h.hostname() + "/.well-known/cf-custom-hostname-challenge/" + h.id().value(),
                        h.verificationToken()),
                h.createdAt(),
                h.customMetadata(),
                h.customOriginServer(),
                h.customOriginSni());
    }

    private static Ssl ssl(HostnameSsl s, Instant now) {
        HostnameCertificate c = s.certificate();
        return new Ssl(
                s.id().value(),
                s.type(),
                s.method(),
                s.status(now),
                s.customCsrId() == null ? null : s.customCsrId().value(),
                s.bundleMethod().apiName(),
                s.wildcard(),
                c == null ? null : c.issuer(),
                c == null ? null : c.serialNumber(),
                c == null ? null : c.signature(),
                c == null ? null : c.expiresOn(),
                s.uploadedOn(),
                c == null ? null : c.hosts(),
                s.settings());
    }
}
