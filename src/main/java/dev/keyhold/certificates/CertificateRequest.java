package dev.keyhold.certificates;

import dev.keyhold.csr.CsrId;

/**
 * An upload (create) or a change (edit) of a custom certificate, parsed from the request. On create, a null
 * {@code bundleMethod} or {@code type} means the default; on edit, a null field means "keep what is stored".
 *
 * @param certificate the PEM leaf, optionally with intermediates in any order
 * @param privateKey the PEM private key, or null when {@code csrId} names the key (never logged, never returned)
 * @param csrId the custom CSR whose key the leaf must carry, or null
 * @param geoRestriction {@code us}, {@code eu} or {@code highest_security}, or null
 * @param policy a key-placement policy expression, or null
 */
public record CertificateRequest(
        String certificate,
        String privateKey,
        CsrId csrId,
        BundleMethod bundleMethod,
        CertificateType type,
        String geoRestriction,
        String policy) {

    @Override
    public String toString() {
        // NOTE: never print the private key, not even by accident in a log line or an assertion message
        return "CertificateRequest[csrId=" + this.csrId + ", bundleMethod=" + this.bundleMethod + ", type=" + this.type
                + ", privateKey=" + (this.privateKey == null ? "none" : "(given)") + "]";
    }
}
