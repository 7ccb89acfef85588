package dev.keyhold.hostnames;

import java.util.Map;

/**
 * The {@code ssl} object of a create or edit request, as sent (Cloudflare's {@code sslpost}); null members were not
 * sent. {@link CustomHostnames} checks it.
 *
 * @param method {@code http}, {@code txt} or {@code email}
 * @param type {@code dv}
 * @param bundleMethod {@code ubiquitous}, {@code optimal} or {@code force}
 * @param settings Cloudflare's {@code sslsettings} as parsed JSON
 * @param wildcard whether the certificate must also cover {@code *.<hostname>}
 * @param customCertificate the PEM leaf, optionally with intermediates
 * @param customKey a PEM private key to take into custody, instead of a CSR's
 * @param customCsrId the custom CSR whose key the certificate carries
 */
public record SslRequest(
        String method,
        String type,
        String bundleMethod,
        Map<String, Object> settings,
        Boolean wildcard,
        String customCertificate,
        String customKey,
        String customCsrId) {

    @Override
    public String toString() {
        // NOTE: never print a private key, not even by accident in a log line
        return "SslRequest[method=" + this.method + ", type=" + this.type + ", bundleMethod=" + this.bundleMethod
                + ", customCsrId=" + this.customCsrId + ", customKey=" + (this.customKey == null ? "none" : "given")
                + "]";
    }
}
