package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.hostnames.HostnameRequest;
import dev.keyhold.hostnames.HostnameUpdate;
import dev.keyhold.hostnames.SslRequest;
import java.util.Map;

/**
 * The body of a create or edit custom hostname request as sent; the hostnames feature checks it. On edit a
 * {@code hostname} other than the current one is refused (Cloudflare's 1439).
 */
record HostnameBody(
        String hostname,
        Ssl ssl,
        @JsonProperty("custom_metadata") Object customMetadata,
        @JsonProperty("custom_origin_server") String customOriginServer,
        @JsonProperty("custom_origin_sni") String customOriginSni) {

    /** Cloudflare's {@code sslpost}. Fields Keyhold has no use for (certificate_authority, ...) are ignored. */
    record Ssl(
            String method,
            String type,
            @JsonProperty("bundle_method") String bundleMethod,
            Map<String, Object> settings,
            Boolean wildcard,
            @JsonProperty("custom_certificate") String customCertificate,
            @JsonProperty("custom_key") String customKey,
            @JsonProperty("custom_csr_id") String customCsrId) {

        SslRequest toRequest() {
            return new SslRequest(
                    this.method,
                    this.type,
                    this.bundleMethod,
                    this.settings,
                    this.wildcard,
                    this.customCertificate,
                    this.customKey,
                    this.customCsrId);
        }

        @Override
        public String toString() {
            return toRequest().toString();
        }
    }

    HostnameRequest toRequest() {
        return new HostnameRequest(
                this.hostname,
                this.ssl == null ? null : this.ssl.toRequest(),
                this.customMetadata,
                this.customOriginServer,
                this.customOriginSni);
    }

    HostnameUpdate toUpdate() {
        return new HostnameUpdate(
                this.hostname,
                this.ssl == null ? null : this.ssl.toRequest(),
                this.customMetadata,
                this.customOriginServer,
                this.customOriginSni);
    }
}
