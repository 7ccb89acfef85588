package dev.keyhold.api;

import dev.keyhold.certificates.CertificateError;
import dev.keyhold.certificates.InvalidCertificateException;
import dev.keyhold.certificates.InvalidCertificateRequestException;

/**
 * Cloudflare's documented errors for certificate uploads as API errors; the wording lives in {@link CertificateError},
 * and the family is chosen by the route ({@code /custom_hostnames} or not).
 */
final class CertificateErrors {

    /** The two API families that accept certificates, by request URI. */
    static final class Family {

        private Family() {}

        static CertificateError.Family of(String requestUri) {
            return requestUri.contains("/custom_hostnames")
                    ? CertificateError.Family.CUSTOM_HOSTNAMES
                    : CertificateError.Family.CUSTOM_CERTIFICATES;
        }
    }

    static final ApiError CERTIFICATE_NOT_FOUND =
            new ApiError(1002, "Invalid certificate: no such custom certificate in this zone.");

    static final ApiError INVALID_CERTIFICATE_ID = new ApiError(
            1002,
            "Invalid certificate: a custom certificate id is a UUID, such as 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60.");

    static final ApiError HOSTNAME_NOT_FOUND = new ApiError(1436, "The custom hostname was not found.");

    private CertificateErrors() {}

    static ApiError of(InvalidCertificateException ex, CertificateError.Family family) {
        return api(CertificateError.of(ex, family));
    }

    /** A create or edit request that is inconsistent as a whole (key and CSR both given, a change of type): 2001. */
    static ApiError invalidRequest(InvalidCertificateRequestException ex) {
        return api(CertificateError.invalidRequest(ex)).at("/" + ex.field());
    }

    /** An uploaded private key that cannot be taken: 2106 on certificates, 1428 on hostnames. */
    static ApiError invalidPrivateKey(String detail, CertificateError.Family family) {
        return api(CertificateError.invalidPrivateKey(detail, family));
    }

    /** A custom CSR the zone cannot use (missing, deleted, another zone's or account's): 1419 or 1431. */
    static ApiError csrNotFound(CertificateError.Family family) {
        return api(CertificateError.csrNotFound(family));
    }

    /** A malformed custom CSR id in a request body: 1418 or 1430. */
    static ApiError invalidCsrId(CertificateError.Family family) {
        return api(CertificateError.invalidCsrId(family));
    }

    private static ApiError api(CertificateError error) {
        return new ApiError(error.code(), error.message());
    }
}
