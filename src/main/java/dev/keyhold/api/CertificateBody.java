package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.certificates.BundleMethod;
import dev.keyhold.certificates.CertificateRequest;
import dev.keyhold.certificates.CertificateType;
import dev.keyhold.csr.CsrId;
import java.util.Set;

/**
 * The body of a create or edit request for a custom certificate, as sent. {@link #toRequest} refuses values outside
 * the documented enums with 2001 and the offending field; the certificates feature checks the rest.
 */
record CertificateBody(
        String certificate,
        @JsonProperty("private_key") String privateKey,
        @JsonProperty("custom_csr_id") String customCsrId,
        @JsonProperty("bundle_method") String bundleMethod,
        String type,
        @JsonProperty("geo_restrictions") GeoRestrictions geoRestrictions,
        String policy,
        @JsonProperty("policy_restrictions") String policyRestrictions,
        String deploy) {

    private static final Set<String> LABELS = Set.of("us", "eu", "highest_security");

    private static final Set<String> DEPLOYS = Set.of("staging", "production");

    /** Cloudflare's {@code geo_restrictions} object. */
    record GeoRestrictions(String label) {}

    CertificateRequest toRequest() {
        BundleMethod method = this.bundleMethod == null
                ? null
                : BundleMethod.fromApiName(this.bundleMethod)
                        .orElseThrow(() -> invalid("bundle_method", this.bundleMethod, "ubiquitous, optimal or force"));
        CertificateType certificateType = this.type == null
                ? null
                : CertificateType.fromApiName(this.type)
                        .orElseThrow(() -> invalid("type", this.type, "legacy_custom or sni_custom"));
        String label = null;
        if (this.geoRestrictions != null) {
            label = this.geoRestrictions.label();
            // NOTE: Set.of(...).contains(null) throws; {"label": null} is a bad value like any other
            if (label == null || !LABELS.contains(label)) {
                throw invalid("geo_restrictions/label", label, "us, eu or highest_security");
            }
        }
        if (this.deploy != null && !DEPLOYS.contains(this.deploy)) {
            throw invalid("deploy", this.deploy, "staging or production");
        }
        String policyText = this.policy != null ? this.policy : this.policyRestrictions;
        if (policyText != null && (policyText.isBlank() || policyText.length() > 1024)) {
            throw invalid(
                    "policy", null, "an expression such as (country: US) or (region: EU), at most 1024 characters");
        }
        return new CertificateRequest(
                this.certificate,
                this.privateKey,
                this.customCsrId == null ? null : CsrId.parse(this.customCsrId),
                method,
                certificateType,
                label,
                policyText);
    }

    @Override
    public String toString() {
        // NOTE: a record's generated toString would print the private key
        return "CertificateBody[custom_csr_id=" + this.customCsrId + ", bundle_method=" + this.bundleMethod + ", type="
                + this.type + "]";
    }

    static InvalidRequestException invalid(String field, String value, String allowed) {
        return new InvalidRequestException(new ApiError(
                        2001,
                        "Could not complete the requested operation. Invalid or missing parameters: " + field
                                + " must be " + allowed + (value == null ? "" : " (got \"" + abbreviate(value) + "\")")
                                + ".")
                .at("/" + field));
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
