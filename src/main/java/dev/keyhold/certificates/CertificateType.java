package dev.keyhold.certificates;

import java.util.Arrays;
import java.util.Optional;

/** Cloudflare's {@code type} of a custom certificate; it is chosen at upload and never changes. */
public enum CertificateType {

    /** Served also to clients that send no SNI (Cloudflare's default). */
    LEGACY_CUSTOM("legacy_custom"),

    /** Served only on SNI; replacing its certificate by PATCH gives it a new id. */
    SNI_CUSTOM("sni_custom");

    private final String apiName;

    CertificateType(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return this.apiName;
    }

    /** The type with this wire name (exact, lower case), if any. */
    public static Optional<CertificateType> fromApiName(String name) {
        return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return this.apiName;
    }
}
