package dev.keyhold.certificates;

import java.util.Arrays;
import java.util.Optional;

/**
 * Cloudflare's {@code status} of a custom certificate. Keyhold computes it from the clock: {@code active} until the
 * leaf's notAfter, then {@code expired}. Deleted certificates are gone at once and nothing is ever pending, so the
 * other three exist only as list filters that match nothing.
 */
public enum CertificateStatus {
    ACTIVE("active"),
    EXPIRED("expired"),
    DELETED("deleted"),
    PENDING("pending"),
    INITIALIZING("initializing");

    private final String apiName;

    CertificateStatus(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return this.apiName;
    }

    /** The status with this wire name (exact, lower case), if any. */
    public static Optional<CertificateStatus> fromApiName(String name) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return this.apiName;
    }
}
