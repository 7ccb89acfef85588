package dev.keyhold.web;

import dev.keyhold.certificates.CertificateError;
import dev.keyhold.certificates.InvalidCertificateException;
import dev.keyhold.csr.CsrNotFoundException;
import dev.keyhold.csr.InvalidCsrIdException;
import dev.keyhold.keys.InvalidPrivateKeyException;
import java.util.Map;

/**
 * A refused certificate upload in the API's code and words ({@link CertificateError}), keyed by the form field it is
 * about, for the custom certificate and custom hostname forms alike.
 */
final class UploadRefusals {

    private UploadRefusals() {}

    /** The refusal as {field: message}; rethrows what is not an upload refusal. */
    static Map<String, String> of(RuntimeException ex, CertificateError.Family family) {
        CertificateError error;
        String field;
        if (ex instanceof InvalidCertificateException e) {
            error = CertificateError.of(e, family);
            field = "certificate";
        } else if (ex instanceof InvalidPrivateKeyException e) {
            error = CertificateError.invalidPrivateKey(e.getMessage(), family);
            field = "privateKey";
        } else if (ex instanceof CsrNotFoundException) {
            error = CertificateError.csrNotFound(family);
            field = "csrId";
        } else if (ex instanceof InvalidCsrIdException) {
            error = CertificateError.invalidCsrId(family);
            field = "csrId";
        } else {
            throw ex;
        }
        return message(field, error.code(), error.message());
    }

    /** One field's refusal, the code after the words as the API would give both. */
    static Map<String, String> message(String field, int code, String message) {
        return Map.of(field, message + " (code " + code + ")");
    }
}
