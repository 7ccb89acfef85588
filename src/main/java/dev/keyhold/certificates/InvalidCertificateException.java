package dev.keyhold.certificates;

import java.util.Objects;

/**
 * Thrown when an uploaded certificate chain breaks a {@link CertificateRule}. Carries the rule and a detail safe to
 * show to the uploader (which certificate, which value, what to do), never a status or an error code.
 */
public class InvalidCertificateException extends RuntimeException {

    private final CertificateRule rule;

    private final String detail;

    public InvalidCertificateException(CertificateRule rule, String detail) {
        super(rule + ": " + detail);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public CertificateRule rule() {
        return this.rule;
    }

    /** What was wrong and what to do, with the offending value where it is safe. */
    public String detail() {
        return this.detail;
    }
}
