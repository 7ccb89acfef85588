package dev.keyhold.certificates;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Encodings this package needs: DER of keys and certificates, their SHA-256, PEM text and readable names. */
final class Der {

    private Der() {}

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JDK has no SHA-256", ex);
        }
    }

    // NOTE: re-encoded as DER, so a provider's BER quirks never make equal keys look different
    static byte[] subjectPublicKeyInfo(PublicKey key) {
        try {
            return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException ex) {
            throw new IllegalArgumentException("cannot encode the " + key.getAlgorithm() + " public key as X.509", ex);
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException ex) {
            throw new IllegalStateException("cannot encode certificate " + name(certificate), ex);
        }
    }

    /** PEM text, one {@code CERTIFICATE} block per certificate, {@code \n} line endings, 64-character lines. */
    static String pem(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded(c)))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return pem.toString();
    }

    /** The subject as RFC 2253 text, for messages ("CN=Example Intermediate,O=Example"). */
    static String name(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        return issued(certificate, certificate);
    }

    /** Whether {@code issuer} issued {@code child}: names chain and the signature verifies with the issuer's key. */
    static boolean issued(X509Certificate issuer, X509Certificate child) {
        if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            child.verify(issuer.getPublicKey());
            return true;
        } catch (Exception ex) { // NOTE: any failure to verify, including unsupported algorithms, means "not issued by"
            return false;
        }
    }
}
