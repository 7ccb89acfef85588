package dev.keyhold.certificates;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The key and signature rules: leaf keys RSA of at least 2048 bits or ECDSA on P-256 or P-384; signatures SHA-256 or
 * stronger. Names signatures as Cloudflare does (cfssl's {@code SignatureString}: {@code SHA256WithRSA},
 * {@code ECDSAWithSHA256}).
 */
final class CertificateStrength {

    static final int MIN_RSA_BITS = 2048;

    private static final Map<String, String> STRONG = Map.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption.getId(), "SHA256WithRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption.getId(), "SHA384WithRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption.getId(), "SHA512WithRSA",
            X9ObjectIdentifiers.ecdsa_with_SHA256.getId(), "ECDSAWithSHA256",
            X9ObjectIdentifiers.ecdsa_with_SHA384.getId(), "ECDSAWithSHA384",
            X9ObjectIdentifiers.ecdsa_with_SHA512.getId(), "ECDSAWithSHA512");

    private static final Map<String, String> WEAK = Map.of(
            PKCSObjectIdentifiers.sha1WithRSAEncryption.getId(), "SHA1WithRSA",
            PKCSObjectIdentifiers.md5WithRSAEncryption.getId(), "MD5WithRSA",
            PKCSObjectIdentifiers.md2WithRSAEncryption.getId(), "MD2WithRSA",
            X9ObjectIdentifiers.ecdsa_with_SHA1.getId(), "ECDSAWithSHA1",
            X9ObjectIdentifiers.id_dsa_with_sha1.getId(), "DSAWithSHA1");

    private static final Map<ASN1ObjectIdentifier, String> PSS_HASHES = Map.of(
            NISTObjectIdentifiers.id_sha256, "SHA256WithRSAPSS",
            NISTObjectIdentifiers.id_sha384, "SHA384WithRSAPSS",
            NISTObjectIdentifiers.id_sha512, "SHA512WithRSAPSS");

    private CertificateStrength() {}

    /** The Cloudflare-style name of the certificate's signature algorithm, strong or not. */
    static String signatureName(X509Certificate c) {
        String oid = c.getSigAlgOID();
        if (STRONG.containsKey(oid)) {
            return STRONG.get(oid);
        }
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(oid)) {
            String name = pssName(c);
            return name == null ? "RSASSA-PSS with a hash weaker than SHA-256" : name;
        }
        return WEAK.getOrDefault(oid, c.getSigAlgName());
    }

    static void requireStrongSignature(X509Certificate c, String role) {
        String oid = c.getSigAlgOID();
        boolean strong = STRONG.containsKey(oid)
                || (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(oid) && pssName(c) != null);
        if (!strong) {
            throw new InvalidCertificateException(
                    CertificateRule.WEAK_SIGNATURE,
                    "the " + role + " " + Der.name(c)
                            + " is signed with " + signatureName(c)
                            + "; only SHA-256 or stronger with RSA, RSASSA-PSS or "
                            + "ECDSA is accepted, so have it reissued");
        }
    }

    /**
     * The leaf key's type in Cloudflare's {@code key_type} style: {@code rsa2048} (or {@code rsa3072}, ...),
     * {@code p256v1} or {@code p384}.
     *
     * @throws InvalidCertificateException ({@link CertificateRule#WEAK_KEY}) for any other key
     */
    static String requireStrongKey(X509Certificate leaf) {
        if (leaf.getPublicKey() instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw weakKey("an RSA key of " + bits + " bits; RSA keys need at least " + MIN_RSA_BITS + " bits");
            }
            return "rsa" + bits;
        }
        SubjectPublicKeyInfo info =
                SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded());
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())) {
            var parameters = info.getAlgorithm().getParameters();
            if (X9ObjectIdentifiers.prime256v1.equals(parameters)) {
                return "p256v1";
            }
            if (SECObjectIdentifiers.secp384r1.equals(parameters)) {
                return "p384";
            }
            throw weakKey("an ECDSA key on curve " + parameters + "; only P-256 and P-384 are accepted");
        }
        throw weakKey("a " + leaf.getPublicKey().getAlgorithm() + " key; only RSA (2048 bits or more) and ECDSA "
                + "(P-256, P-384) are accepted");
    }

    private static InvalidCertificateException weakKey(String what) {
        return new InvalidCertificateException(
                CertificateRule.WEAK_KEY, "the leaf has " + what + "; issue the certificate for a stronger key");
    }

    private static String pssName(X509Certificate c) {
        try {
            RSASSAPSSparams parameters = RSASSAPSSparams.getInstance(c.getSigAlgParams());
            return PSS_HASHES.get(parameters.getHashAlgorithm().getAlgorithm());
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
