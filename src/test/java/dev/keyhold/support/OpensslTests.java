package dev.keyhold.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

class OpensslTests {

    private static final String SUBJECT_LINE =
            "C = US, ST = California, L = San Francisco, O = Example Inc, OU = Edge, " + "CN = app.keyhold.dev";

    @Test
    void readsBackAnRsaCsrBuiltByBouncyCastle() throws Exception {
        OpensslReport report =
                Openssl.inspect(csr(rsa(), "SHA256withRSA", "Example Inc", "app.keyhold.dev", "www.keyhold.dev"));

        assertThat(report.signatureVerified()).as(report.text()).isTrue();
        assertThat(report.subject()).isEqualTo(SUBJECT_LINE);
        assertThat(report.dnsNames()).containsExactly("app.keyhold.dev", "www.keyhold.dev");
        assertThat(report.publicKeyAlgorithm()).isEqualTo("rsaEncryption");
        assertThat(report.keyBits()).isEqualTo(2048);
        assertThat(report.rsaExponent()).isEqualTo(65537L);
        assertThat(report.curve()).isNull();
        assertThat(report.signatureAlgorithm()).isEqualTo("sha256WithRSAEncryption");
    }

    @Test
    void readsBackAP256CsrBuiltByBouncyCastle() throws Exception {
        OpensslReport report = Openssl.inspect(csr(p256(), "SHA256withECDSA", "Example Inc", "app.keyhold.dev"));

        assertThat(report.signatureVerified()).as(report.text()).isTrue();
        assertThat(report.subject()).isEqualTo(SUBJECT_LINE);
        assertThat(report.dnsNames()).containsExactly("app.keyhold.dev");
        assertThat(report.publicKeyAlgorithm()).isEqualTo("id-ecPublicKey");
        assertThat(report.keyBits()).isEqualTo(256);
        assertThat(report.curve()).isEqualTo("prime256v1");
        assertThat(report.rsaExponent()).isNull();
        assertThat(report.signatureAlgorithm()).isEqualTo("ecdsa-with-SHA256");
    }

    @Test
    void reportsACsrWhoseSignedBytesWereChangedAsNotVerified() throws Exception {
        String pem = csr(p256(), "SHA256withECDSA", "Example Inc", "app.keyhold.dev");
        byte[] der = new PKCS10CertificationRequest(pemBody(pem)).getEncoded();
        // Same length, so the DER still parses; only the signature no longer matches.
        byte[] tampered = replaceFirst(der, "app.keyhold.dev", "app.keyhold.dew");

        OpensslReport report = Openssl.inspect(toPem(tampered));

        assertThat(report.signatureVerified()).as(report.text()).isFalse();
        assertThat(report.subjectValue("CN")).contains("app.keyhold.dew");
    }

    @Test
    void splitsSubjectAttributesWhoseValuesContainCommasAndUtf8() throws Exception {
        OpensslReport report = Openssl.inspect(
                csr(p256(), "SHA256withECDSA", "Zürich Labs, Inc.", "app.keyhold.dev", "www.keyhold.dev"));

        assertThat(report.subjectEntries())
                .containsExactly(
                        Map.entry("C", "US"),
                        Map.entry("ST", "California"),
                        Map.entry("L", "San Francisco"),
                        Map.entry("O", "Zürich Labs, Inc."),
                        Map.entry("OU", "Edge"),
                        Map.entry("CN", "app.keyhold.dev"));
        assertThat(report.subjectValue("O")).contains("Zürich Labs, Inc.");
        assertThat(report.subjectValue("emailAddress")).isEmpty();
    }

    @Test
    void listsNonDnsSansWithoutCountingThemAsDnsNames() throws Exception {
        KeyPair keys = p256();
        var builder =
                new JcaPKCS10CertificationRequestBuilder(subject("Example Inc", "app.keyhold.dev"), keys.getPublic());
        addSans(
                builder,
                new GeneralName(GeneralName.dNSName, "app.keyhold.dev"),
                new GeneralName(GeneralName.iPAddress, "192.0.2.10"));
        OpensslReport report = Openssl.inspect(
                toPem(builder.build(signer("SHA256withECDSA", keys)).getEncoded()));

        assertThat(report.subjectAlternativeNames()).containsExactly("DNS:app.keyhold.dev", "IP Address:192.0.2.10");
        assertThat(report.dnsNames()).containsExactly("app.keyhold.dev");
    }

    @Test
    void refusesInputThatIsNotACsrWithOpensslsOwnMessage() {
        assertThatThrownBy(() -> Openssl.inspect(
                        "-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n" + "-----END CERTIFICATE REQUEST-----\n"))
                .isInstanceOf(Openssl.OpensslException.class)
                .hasMessageContaining("openssl could not read the CSR");
    }

    @Test
    void throwawayCaIssuesACertificateForTheCsrKeyWithItsSans() throws Exception {
        KeyPair keys = rsa();
        String pem = csr(keys, "SHA256withRSA", "Example Inc", "app.keyhold.dev", "www.keyhold.dev");
        try (Openssl.ThrowawayCa ca = Openssl.throwawayCa()) {
            X509Certificate leaf = certificate(ca.sign(pem));
            X509Certificate root = certificate(ca.certificatePem());

            leaf.verify(root.getPublicKey());
            assertThat(leaf.getPublicKey().getEncoded())
                    .isEqualTo(keys.getPublic().getEncoded());
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
            assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=app.keyhold.dev");
            assertThat(leaf.getSubjectAlternativeNames().stream()
                            .map(san -> (Object) san.get(1))
                            .toList())
                    .containsExactly("app.keyhold.dev", "www.keyhold.dev");
            assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        }
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        return g.generateKeyPair();
    }

    static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String csr(KeyPair keys, String algorithm, String organization, String... sans)
            throws IOException, OperatorCreationException {
        var builder = new JcaPKCS10CertificationRequestBuilder(subject(organization, sans[0]), keys.getPublic());
        addSans(
                builder,
                Arrays.stream(sans)
                        .map(s -> new GeneralName(GeneralName.dNSName, s))
                        .toArray(GeneralName[]::new));
        return toPem(builder.build(signer(algorithm, keys)).getEncoded());
    }

    private static org.bouncycastle.asn1.x500.X500Name subject(String organization, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "California")
                .addRDN(BCStyle.L, "San Francisco")
                .addRDN(BCStyle.O, organization)
                .addRDN(BCStyle.OU, "Edge")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static void addSans(JcaPKCS10CertificationRequestBuilder builder, GeneralName... names) throws IOException {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
    }

    private static org.bouncycastle.operator.ContentSigner signer(String algorithm, KeyPair keys)
            throws OperatorCreationException {
        return new JcaContentSignerBuilder(algorithm).build(keys.getPrivate());
    }

    private static String toPem(byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject("CERTIFICATE REQUEST", der));
        }
        return out.toString();
    }

    private static byte[] pemBody(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return java.util.Base64.getDecoder().decode(base64);
    }

    private static byte[] replaceFirst(byte[] haystack, String from, String to) {
        byte[] needle = from.getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = to.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                byte[] copy = haystack.clone();
                System.arraycopy(replacement, 0, copy, i, replacement.length);
                return copy;
            }
        }
        throw new AssertionError(from + " not found in the DER");
    }

    private static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
