package dev.keyhold.api;

import dev.keyhold.certificates.InvalidCertificateException;
import dev.keyhold.certificates.InvalidCertificateRequestException;

/**
 * Cloudflare's documented errors for certificate uploads. The same {@link dev.keyhold.certificates.CertificateRule}
 * has one code on {@code custom_certificates} (troubleshooting page) and another on {@code custom_hostnames}
 * (status-code page); {@link #of} picks by the family of the route. Every message is the documented one followed by
 * the validator's detail (which certificate, which value, what to do).
 */
final class CertificateErrors {

    /** The two API families that accept certificates. */
    enum Family {
        CUSTOM_CERTIFICATES,
        CUSTOM_HOSTNAMES;

        static Family of(String requestUri) {
            return requestUri.contains("/custom_hostnames") ? CUSTOM_HOSTNAMES : CUSTOM_CERTIFICATES;
        }
    }

    static final ApiError CERTIFICATE_NOT_FOUND =
            new ApiError(1002, "Invalid certificate: no such custom certificate in this zone.");

    static final ApiError INVALID_CERTIFICATE_ID = new ApiError(
            1002,
            "Invalid certificate: a custom certificate id is 32 hex characters, such as 023e105f4ecef8ad9ca31a8372d0c353.");

    static final ApiError HOSTNAME_NOT_FOUND = new ApiError(1436, "The custom hostname was not found.");

    private CertificateErrors() {}

    static ApiError of(InvalidCertificateException ex, Family family) {
        boolean hostnames = family == Family.CUSTOM_HOSTNAMES;
        String d = " " + ex.detail();
        return switch (ex.rule()) {
            case EMPTY ->
                hostnames
                        ? new ApiError(1427, "The certificate is empty." + d)
                        : new ApiError(1002, "Invalid certificate." + d);
            case MALFORMED ->
                hostnames
                        ? new ApiError(1426, "The certificate cannot be parsed." + d)
                        : new ApiError(1002, "Invalid certificate." + d);
            case NO_LEAF ->
                hostnames
                        ? new ApiError(1445, "The certificate chain has no leaf certificate." + d)
                        : new ApiError(2101, "The certificate chain you uploaded has no leaf certificates." + d);
            case MULTIPLE_LEAVES ->
                new ApiError(1444, "The certificate chain you uploaded has multiple leaf certificates." + d);
            case KEY_MISMATCH ->
                hostnames
                        ? new ApiError(1429, "The private key does not match the certificate." + d)
                        : new ApiError(2200, "The certificate and private key pair you uploaded is invalid." + d);
            case NOT_YET_VALID, EXPIRED ->
                hostnames
                        ? new ApiError(1434, "The SSL attribute is invalid." + d)
                        : new ApiError(1002, "Invalid certificate." + d);
            case EXPIRING_SOON ->
                new ApiError(1206, "The certificate will expire within soon. Please supply a newer one." + d);
            case WEAK_KEY, WEAK_SIGNATURE ->
                new ApiError(
                        1447,
                        "The certificate's key or signature algorithm is not supported: keys must be RSA of at least "
                                + "2048 bits or ECDSA on P-256 or P-384, signatures SHA-256 or stronger." + d);
            case NO_ZONE_HOSTNAME ->
                new ApiError(
                        2103, "The certificate chain you uploaded does not include any hostnames from your zone." + d);
            case HOSTNAME_NOT_COVERED ->
                new ApiError(1446, "The certificate does not include the custom hostname." + d);
            case UNTRUSTED ->
                hostnames
                        ? new ApiError(
                                1441,
                                "There was a problem bundling the certificate chain against the public trust store."
                                        + d)
                        : new ApiError(
                                2100,
                                "The certificate chain you uploaded cannot be bundled using the trust store." + d);
            case DUPLICATE -> new ApiError(1220, "This certificate has already been submitted." + d);
        };
    }

    /** A create or edit request that is inconsistent as a whole (key and CSR both given, a change of type): 2001. */
    static ApiError invalidRequest(InvalidCertificateRequestException ex) {
        return new ApiError(
                        2001,
                        "Could not complete the requested operation. Invalid or missing parameters: " + ex.getMessage()
                                + ".")
                .at("/" + ex.field());
    }

    /** An uploaded private key that cannot be taken: 2106 on certificates, 1428 on hostnames. */
    static ApiError invalidPrivateKey(String detail, Family family) {
        return family == Family.CUSTOM_HOSTNAMES
                ? new ApiError(1428, "The private key cannot be parsed: " + detail + ".")
                : new ApiError(2106, "The private key you uploaded is invalid: " + detail + ".");
    }

    /** A custom CSR the zone cannot use (missing, deleted, another zone's or account's): 1419 or 1431. */
    static ApiError csrNotFound(Family family) {
        return family == Family.CUSTOM_HOSTNAMES
                ? new ApiError(1431, "The custom CSR was not found.")
                : CsrErrors.NOT_FOUND;
    }

    /** A malformed custom CSR id in a request body: 1418 or 1430. */
    static ApiError invalidCsrId(Family family) {
        return family == Family.CUSTOM_HOSTNAMES
                ? new ApiError(1430, "The custom CSR ID is invalid." + CsrErrors.CHECK)
                : CsrErrors.INVALID_ID;
    }
}
