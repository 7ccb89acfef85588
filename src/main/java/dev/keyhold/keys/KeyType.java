package dev.keyhold.keys;

import java.util.Arrays;
import java.util.Optional;

/** The key algorithms Keyhold generates, named as Cloudflare's {@code key_type}. */
public enum KeyType {

    /** RSA 2048-bit, public exponent 65537, signed SHA256withRSA. */
    RSA2048("rsa2048", "RSA", "SHA256withRSA"),

    /** ECDSA on NIST P-256 (secp256r1), signed SHA256withECDSA. */
    P256V1("p256v1", "EC", "SHA256withECDSA");

    private final String apiName;

    private final String algorithm;

    private final String signatureAlgorithm;

    KeyType(String apiName, String algorithm, String signatureAlgorithm) {
        this.apiName = apiName;
        this.algorithm = algorithm;
        this.signatureAlgorithm = signatureAlgorithm;
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
