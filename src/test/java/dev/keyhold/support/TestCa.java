package dev.keyhold.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A test PKI generated in memory with Bouncy Castle: a trusted root and intermediate, and an untrusted root and
 * intermediate, all RSA-2048 so any RSA signature algorithm can be asked for. {@link #leaf} issues end-entity
 * certificates; {@link #certificate} builds anything else (CAs, cross-signs, self-signed, odd validity). Times are
 * relative to {@link #NOW}; no key is ever written to disk.
 */
public final class TestCa {

    /** The instant tests validate at. */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Issued root;

    private final Issued intermediate;

    private final Issued untrustedRoot;

    private final Issued untrustedIntermediate;

    private TestCa() {
        this.root = certificate("Keyhold Test Root", rsa(2048))
                .ca()
                .validity(NOW.minus(days(3650)), NOW.plus(days(3650)))
                .selfSigned();
        this.intermediate = certificate("Keyhold Test Intermediate", rsa(2048))
                .ca()
                .validity(NOW.minus(days(365)), NOW.plus(days(1825)))
                .issuedBy(this.root);
        this.untrustedRoot = certificate("Untrusted Root", rsa(2048)).ca().selfSigned();
        this.untrustedIntermediate =
                certificate("Untrusted Intermediate", rsa(2048)).ca().issuedBy(this.untrustedRoot);
    }

    /** A new PKI; generating it takes a few hundred milliseconds, so share one per test class. */
    public static TestCa generate() {
        return new TestCa();
    }

    public Issued root() {
        return this.root;
    }

    public Issued intermediate() {
        return this.intermediate;
    }

    public Issued untrustedRoot() {
        return this.untrustedRoot;
    }

    public Issued untrustedIntermediate() {
        return this.untrustedIntermediate;
    }

    /** A leaf for the key with these SANs, issued by the trusted intermediate, valid from a day ago for 90 days. */
    public Spec leaf(PublicKey key, String... sans) {
        return certificate(sans.length == 0 ? "leaf" : sans[0], key)
                .sans(sans)
                .validity(NOW.minus(days(1)), NOW.plus(days(90)))
                .issuer(this.intermediate);
    }

    /** A leaf for the key and SANs a PEM PKCS#10 request carries, as {@link #leaf(PublicKey, String...)}. */
    public Spec leafForCsr(String csrPem) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            JcaPKCS10CertificationRequest csr =
                    new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject()).setProvider(BC);
            GeneralNames names =
                    GeneralNames.fromExtensions(csr.getRequestedExtensions(), Extension.subjectAlternativeName);
            List<String> sans = new ArrayList<>();
            for (GeneralName name : names.getNames()) {
                sans.add(name.getName().toString());
            }
            return leaf(csr.getPublicKey(), sans.toArray(String[]::new));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A certificate to build: an end entity with basicConstraints cA=false unless told otherwise. */
    public static Spec certificate(String commonName, KeyPair keys) {
        return new Spec(commonName, keys.getPublic(), keys);
    }

    /** A certificate to build for a public key only; it can be issued, but not self-signed. */
    public static Spec certificate(String commonName, PublicKey key) {
        return new Spec(commonName, key, null);
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An EC key pair on a named curve: {@code secp256r1}, {@code secp384r1}, {@code secp521r1}. */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** PEM text of the certificates in the order given. */
    public static String pem(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return pem.toString();
    }

    public static Duration days(long days) {
        return Duration.ofDays(days);
    }

    /** A certificate with its key pair (the pair is null for certificates issued for a bare public key). */
    public record Issued(X509Certificate certificate, KeyPair keys) {

        public String pem() {
            return TestCa.pem(this.certificate);
        }
    }

    /** The parts of one certificate; finish with {@link #issuedBy}, {@link #selfSigned} or {@link #certificateIssuedBy}. */
    public static final class Spec {

        private final String commonName;

        private final PublicKey key;

        private final KeyPair keys;

        private final List<String> sans = new ArrayList<>();

        private Boolean ca = Boolean.FALSE;

        private Instant notBefore = NOW.minus(days(30));

        private Instant notAfter = NOW.plus(days(365));

        private String signatureAlgorithm;

        private Issued issuer;

        private X500Name subject;

        private Spec(String commonName, PublicKey key, KeyPair keys) {
            this.commonName = Objects.requireNonNull(commonName);
            this.key = Objects.requireNonNull(key);
            this.keys = keys;
        }

        public Spec sans(String... names) {
            this.sans.addAll(List.of(names));
            return this;
        }

        public Spec ca() {
            this.ca = Boolean.TRUE;
            return this;
        }

        /** No basicConstraints extension at all. */
        public Spec withoutBasicConstraints() {
            this.ca = null;
            return this;
        }

        public Spec validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** A JCA name such as {@code SHA1withRSA}, {@code SHA384withECDSA}, {@code SHA256withRSAandMGF1}. */
        public Spec signatureAlgorithm(String name) {
            this.signatureAlgorithm = name;
            return this;
        }

        /** The full subject name, e.g. to cross-sign an existing CA under its own name. */
        public Spec subject(X509Certificate sameNameAs) {
            this.subject =
                    X500Name.getInstance(sameNameAs.getSubjectX500Principal().getEncoded());
            return this;
        }

        Spec issuer(Issued issuer) {
            this.issuer = issuer;
            return this;
        }

        /** Signed by the issuer's key, under the issuer's name. */
        public Issued issuedBy(Issued by) {
            return new Issued(build(by.certificate(), by.keys()), this.keys);
        }

        /** The certificate signed by the issuer set by {@link TestCa#leaf}. */
        public X509Certificate certificate() {
            return build(this.issuer.certificate(), this.issuer.keys());
        }

        /** The certificate signed by the given issuer. */
        public X509Certificate certificateIssuedBy(Issued by) {
            return build(by.certificate(), by.keys());
        }

        /** Signed by its own key. */
        public Issued selfSigned() {
            return new Issued(build(null, this.keys), this.keys);
        }

        private X509Certificate build(X509Certificate issuerCertificate, KeyPair signer) {
            try {
                X500Name name = this.subject != null
                        ? this.subject
                        : new X500Name("CN=" + this.commonName + ",O=Keyhold Tests");
                X500Name issuerName = issuerCertificate == null
                        ? name
                        : X500Name.getInstance(
                                issuerCertificate.getSubjectX500Principal().getEncoded());
                PublicKey issuerKey = issuerCertificate == null ? this.key : issuerCertificate.getPublicKey();
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        issuerName,
                        new BigInteger(64, RANDOM).add(BigInteger.ONE),
                        Date.from(this.notBefore),
                        Date.from(this.notAfter),
                        name,
                        this.key);
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(this.key));
                builder.addExtension(
                        Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
                if (this.ca != null) {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(this.ca));
                }
                if (Boolean.TRUE.equals(this.ca)) {
                    builder.addExtension(
                            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                } else {
                    builder.addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                    builder.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                }
                if (!this.sans.isEmpty()) {
                    builder.addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(this.sans.stream()
                                    .map(n -> new GeneralName(GeneralName.dNSName, n))
                                    .toArray(GeneralName[]::new)));
                }
                String algorithm = this.signatureAlgorithm != null
                        ? this.signatureAlgorithm
                        : signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
                return new JcaX509CertificateConverter()
                        .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm)
                                .setProvider(BC)
                                .build(signer.getPrivate())));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            } catch (GeneralSecurityException | OperatorCreationException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
