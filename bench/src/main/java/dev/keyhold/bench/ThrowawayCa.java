package dev.keyhold.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A certificate authority made for one run (root, then an intermediate that signs leaves), for the upload scenario:
 * the server trusts its root through {@code KEYHOLD_EXTRA_TRUST_ANCHORS}; nothing of it is kept.
 */
final class ThrowawayCa {

    private final KeyPair rootKey;
    private final X509CertificateHolder root;
    private final KeyPair intermediateKey;
    private final X509CertificateHolder intermediate;
    private final String intermediatePem;
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    ThrowawayCa() {
        try {
            this.rootKey = ecKey();
            X500Name rootName = new X500Name("CN=Keyhold Bench Throwaway Root,O=Keyhold Bench");
            this.root = ca(rootName, this.rootKey.getPublic(), rootName, this.rootKey, 1);
            this.intermediateKey = ecKey();
            this.intermediate = ca(
                    new X500Name("CN=Keyhold Bench Throwaway Intermediate,O=Keyhold Bench"),
                    this.intermediateKey.getPublic(),
                    rootName,
                    this.rootKey,
                    0);
            this.intermediatePem = pem(this.intermediate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
            throw new IllegalStateException("cannot make the throwaway CA", ex);
        }
    }

    String rootPem() {
        return pem(this.root);
    }

    /** Signs a CSR (PEM) for 90 days, keeping its subject and requested SANs; returns leaf then intermediate, PEM. */
    String sign(String csrPem) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            PKCS10CertificationRequest csr = (PKCS10CertificationRequest) parser.readObject();
            Instant now = Instant.now();
            X509v3CertificateBuilder leaf = new X509v3CertificateBuilder(
                    this.intermediate.getSubject(),
                    BigInteger.valueOf(this.serial.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(90))),
                    csr.getSubject(),
                    csr.getSubjectPublicKeyInfo());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            leaf.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            leaf.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    utils.createAuthorityKeyIdentifier(this.intermediate.getSubjectPublicKeyInfo()));
            leaf.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    utils.createSubjectKeyIdentifier(csr.getSubjectPublicKeyInfo()));
            Extensions requested = requestedExtensions(csr);
            if (requested != null && requested.getExtension(Extension.subjectAlternativeName) != null) {
                leaf.addExtension(requested.getExtension(Extension.subjectAlternativeName));
            }
            return pem(leaf.build(signer(this.intermediateKey))) + this.intermediatePem;
        } catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
            throw new IllegalStateException("cannot sign a CSR with the throwaway CA", ex);
        }
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            return Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
        }
        return null;
    }

    private static X509CertificateHolder ca(
            X500Name subject, PublicKey key, X500Name issuer, KeyPair issuerKey, int pathLength)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(now.toEpochMilli() + pathLength),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))),
                subject,
                spki);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
        b.addExtension(
                Extension.authorityKeyIdentifier,
                false,
                utils.createAuthorityKeyIdentifier(
                        SubjectPublicKeyInfo.getInstance(issuerKey.getPublic().getEncoded())));
        return b.build(signer(issuerKey));
    }

    private static ContentSigner signer(KeyPair key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}
