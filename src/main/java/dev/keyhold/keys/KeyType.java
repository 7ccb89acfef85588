package dev.keyhold.keys;

import java.util.Arrays;
import java.util.Optional;

/**
 * The key algorithms Keyhold holds, named as Cloudflare's {@code key_type}. Keyhold generates only
 * {@link #generated() the first two}; the others exist for private keys uploaded with a certificate.
 */
public enum KeyType {

    /** RSA 2048-bit, public exponent 65537, signed SHA256withRSA. */
    RSA2048("rsa2048", "RSA", "SHA256withRSA", true),

    /** ECDSA on NIST P-256 (secp256r1), signed SHA256withECDSA. */
    P256V1("p256v1", "EC", "SHA256withECDSA", true),

    /** RSA 3072-bit, uploaded only. */
    RSA3072("rsa3072", "RSA", "SHA256withRSA", false),

    /** RSA 4096-bit, uploaded only. */
    RSA4096("rsa4096", "RSA", "SHA256withRSA", false),

    /** ECDSA on NIST P-384 (secp384r1), uploaded only, signed SHA384withECDSA. */
    P384("p384", "EC", "SHA384withECDSA", false);

    private final String apiName;

    private final String algorithm;

    private final String signatureAlgorithm;

    private final boolean generated;

    KeyType(String apiName, String algorithm, String signatureAlgorithm, boolean generated) {
        this.apiName = apiName;
        this.algorithm = algorithm;
        this.signatureAlgorithm = signatureAlgorithm;
        this.generated = generated;
    }

    /** Whether Keyhold generates keys of this type for CSRs (otherwise it only holds uploaded ones). */
    public boolean generated() {
        return this.generated;
    }

    /** The wire name: {@code rsa2048} or {@code p256v1}. */
    public String apiName() {
        return this.apiName;
    }

    /** The JCA key algorithm: {@code RSA} or {@code EC}. */
    public String algorithm() {
        return this.algorithm;
    }

    /** The JCA signature algorithm used with this key type. */
    public String signatureAlgorithm() {
        return this.signatureAlgorithm;
    }

    /** The key type with this wire name, if any. */
    public static Optional<KeyType> fromApiName(String name) {
        return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
    }
}
