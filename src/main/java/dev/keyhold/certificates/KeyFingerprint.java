package dev.keyhold.certificates;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a public key's SubjectPublicKeyInfo DER, as 64 lower-case hex digits: how certificates are matched to
 * keys (STYLE.md, "Match certificates to keys by public key"). Store it in an indexed column and look keys up by it.
 *
 * @param hex 64 lower-case hex digits
 */
public record KeyFingerprint(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public KeyFingerprint {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(
                    "a key fingerprint is 64 lower-case hex digits, not " + hex.length() + " characters");
        }
    }

    /** The fingerprint of a public key, from its X.509 (SubjectPublicKeyInfo) encoding. */
    public static KeyFingerprint of(PublicKey key) {
        return new KeyFingerprint(HexFormat.of().formatHex(Der.sha256(Der.subjectPublicKeyInfo(key))));
    }

    /** The fingerprint of a certificate's public key. */
    public static KeyFingerprint of(X509Certificate certificate) {
        return of(certificate.getPublicKey());
    }

    @Override
    public String toString() {
        return this.hex;
    }
}
