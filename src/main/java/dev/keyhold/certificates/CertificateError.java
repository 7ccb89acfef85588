package dev.keyhold.certificates;

import dev.keyhold.csr.CsrError;

/**
 * The words of Cloudflare's documented errors for certificate uploads, shared by the API (which puts them in its
 * error envelope) and the dashboard (which shows them next to the upload form). The same {@link CertificateRule} has
 * one code on {@code custom_certificates} (troubleshooting page) and another on {@code custom_hostnames} (status-code
 * page); {@link Family} picks. Every message is the documented one followed by the validator's detail.
 *
 * @param code Cloudflare's error code
 * @param message the sentence to show
 */
public record CertificateError(int code, String message) {

    /** The two API families that accept certificates. */
    public enum Family {
        CUSTOM_CERTIFICATES,
        CUSTOM_HOSTNAMES
    }

    public static CertificateError of(InvalidCertificateException ex, Family family) {
        boolean hostnames = family == Family.CUSTOM_HOSTNAMES;
        String d = " " + ex.detail();
        return switch (ex.rule()) {
            case EMPTY ->
                hostnames
                        ? new CertificateError(1427, "The certificate is empty." + d)
                        : new CertificateError(1002, "Invalid certificate." + d);
            case MALFORMED ->
                hostnames
                        ? new CertificateError(1426, "The certificate cannot be parsed." + d)
                        : new CertificateError(1002, "Invalid certificate." + d);
            case NO_LEAF ->
                hostnames
                        ? new CertificateError(1445, "The certificate chain has no leaf certificate." + d)
                        : new CertificateError(
                                2101, "The certificate chain you uploaded has no leaf certificates." + d);
            case MULTIPLE_LEAVES ->
                new CertificateError(1444, "The certificate chain you uploaded has multiple leaf certificates." + d);
            case KEY_MISMATCH ->
                hostnames
                        ? new CertificateError(1429, "The private key does not match the certificate." + d)
                        : new CertificateError(
                                2200, "The certificate and private key pair you uploaded is invalid." + d);
            case NOT_YET_VALID, EXPIRED ->
                hostnames
                        ? new CertificateError(1434, "The SSL attribute is invalid." + d)
                        : new CertificateError(1002, "Invalid certificate." + d);
            case EXPIRING_SOON ->
                new CertificateError(1206, "The certificate will expire within soon. Please supply a newer one." + d);
            case WEAK_KEY, WEAK_SIGNATURE ->
                new CertificateError(
                        1447,
                        "The certificate's key or signature algorithm is not supported: keys must be RSA of at least "
                                + "2048 bits or ECDSA on P-256 or P-384, signatures SHA-256 or stronger." + d);
            case NO_ZONE_HOSTNAME ->
                new CertificateError(
                        2103, "The certificate chain you uploaded does not include any hostnames from your zone." + d);
            case HOSTNAME_NOT_COVERED ->
                new CertificateError(1446, "The certificate does not include the custom hostname." + d);
            case UNTRUSTED ->
                hostnames
                        ? new CertificateError(
                                1441,
                                "There was a problem bundling the certificate chain against the public trust store."
                                        + d)
                        : new CertificateError(
                                2100,
                                "The certificate chain you uploaded cannot be bundled using the trust store." + d);
            case DUPLICATE -> new CertificateError(1220, "This certificate has already been submitted." + d);
        };
    }

    /** A create or edit request that is inconsistent as a whole (key and CSR both given, a change of type): 2001. */
    public static CertificateError invalidRequest(InvalidCertificateRequestException ex) {
        return new CertificateError(
                2001,
                "Could not complete the requested operation. Invalid or missing parameters: " + ex.getMessage() + ".");
    }

    /** An uploaded private key that cannot be taken: 2106 on certificates, 1428 on hostnames. */
    public static CertificateError invalidPrivateKey(String detail, Family family) {
        return family == Family.CUSTOM_HOSTNAMES
                ? new CertificateError(1428, "The private key cannot be parsed: " + detail + ".")
                : new CertificateError(2106, "The private key you uploaded is invalid: " + detail + ".");
    }

    /** A custom CSR the zone cannot use (missing, deleted, another zone's or account's): 1419 or 1431. */
    public static CertificateError csrNotFound(Family family) {
        return family == Family.CUSTOM_HOSTNAMES
                ? new CertificateError(1431, "The custom CSR was not found.")
                : new CertificateError(CsrError.NOT_FOUND.code(), CsrError.NOT_FOUND.message());
    }

    /** A malformed custom CSR id in a request body: 1418 or 1430. */
    public static CertificateError invalidCsrId(Family family) {
        return family == Family.CUSTOM_HOSTNAMES
                ? new CertificateError(1430, "The custom CSR ID is invalid." + CsrError.CHECK)
                : new CertificateError(CsrError.INVALID_ID.code(), CsrError.INVALID_ID.message());
    }
}
