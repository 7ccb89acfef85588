package dev.keyhold.certificates;

import static dev.keyhold.support.TestCa.NOW;
import static dev.keyhold.support.TestCa.days;
import static dev.keyhold.support.TestCa.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.dns.DnsName;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.TestCa.Issued;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link UploadValidator} accepts, and the facts, served chain and warnings it reports. */
class UploadAcceptanceTests {

    static final TestCa ca = TestCa.generate();

    static final KeyPair key = TestCa.ec("secp256r1");

    static final DnsName zone = new DnsName("keyhold.dev");

    static final UploadValidator validator = new UploadValidator(
            new ChainBuilder(TrustStore.of(List.of(ca.root().certificate())), Clock.fixed(NOW, ZoneOffset.UTC)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static X509Certificate leaf() {
        return ca.leaf(key.getPublic(), "app.keyhold.dev", "www.keyhold.dev").certificate();
    }

    static ValidatedCertificate accept(String pem, BundleMethod method, List<X509Certificate> known) {
        return validator.validate(CertificateUpload.forZone(pem, key.getPublic(), method, zone), known);
    }

    static ValidatedCertificate accept(String pem) {
        return accept(pem, BundleMethod.UBIQUITOUS, List.of());
    }

    static Stream<Arguments> orders() {
        X509Certificate leaf = leaf();
        X509Certificate intermediate = ca.intermediate().certificate();
        X509Certificate root = ca.root().certificate();
        return Stream.of(
                Arguments.of("leaf, intermediate", pem(leaf, intermediate)),
                Arguments.of("intermediate, leaf", pem(intermediate, leaf)),
                Arguments.of("leaf, intermediate, root", pem(leaf, intermediate, root)),
                Arguments.of("root, leaf, intermediate", pem(root, leaf, intermediate)),
                Arguments.of("leaf twice, intermediate", pem(leaf, leaf, intermediate)),
                Arguments.of("CRLF line endings", pem(leaf, intermediate).replace("\n", "\r\n")),
                Arguments.of(
                        "blanks around the blocks and trailing spaces on the armour lines",
                        "\n  \n" + pem(leaf, intermediate).replace("-----\n", "-----  \n") + "\n\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void acceptsTheLeafAndIntermediatesInAnyOrderAndServesLeafThenIntermediateWithoutTheRoot(String name, String pem) {
        ValidatedCertificate accepted = accept(pem);
        assertThat(new CertificateChainParser().parse(accepted.servedChainPem()).all())
                .extracting(Der::name)
                .containsExactly(Der.name(leaf()), Der.name(ca.intermediate().certificate()));
    }

    static Stream<Arguments> forcedOrders() {
        X509Certificate leaf = leaf();
        X509Certificate intermediate = ca.intermediate().certificate();
        X509Certificate root = ca.root().certificate();
        return Stream.of(
                Arguments.of("leaf, intermediate", pem(leaf, intermediate), true),
                Arguments.of("leaf, intermediate, root", pem(leaf, intermediate, root), true),
                Arguments.of("intermediate, leaf", pem(intermediate, leaf), true),
                Arguments.of("leaf, root, intermediate", pem(leaf, root, intermediate), false),
                Arguments.of("root, leaf, intermediate", pem(root, leaf, intermediate), false));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("forcedOrders")
    void forceServesTheOthersInTheOrderUploadedAfterTheLeafAndRefusesABrokenOrder(
            String name, String pem, boolean accepted) {
        if (accepted) {
            assertThat(new CertificateChainParser()
                            .parse(accept(pem, BundleMethod.FORCE, List.of()).servedChainPem())
                            .others())
                    .containsExactly(ca.intermediate().certificate());
        } else {
            assertThatThrownBy(() -> accept(pem, BundleMethod.FORCE, List.of()))
                    .isInstanceOfSatisfying(InvalidCertificateException.class, ex -> assertThat(ex.rule())
                            .isEqualTo(CertificateRule.UNTRUSTED));
        }
    }

    @Test
    void reportsTheFactsTheApiShows() throws Exception {
        X509Certificate leaf = leaf();
        ValidatedCertificate accepted = accept(pem(leaf, ca.intermediate().certificate()));
        assertThat(accepted.hosts()).containsExactly("app.keyhold.dev", "www.keyhold.dev");
        assertThat(accepted.issuer()).isEqualTo("Keyhold Tests");
        assertThat(accepted.serialNumberHex()).isEqualTo(leaf.getSerialNumber().toString(16));
        assertThat(accepted.signature()).isEqualTo("SHA256WithRSA");
        assertThat(accepted.notBefore()).isEqualTo(NOW.minus(days(1)));
        assertThat(accepted.expiresOn()).isEqualTo(NOW.plus(days(90)));
        assertThat(accepted.keyType()).isEqualTo("p256v1");
        assertThat(accepted.keyFingerprint().hex())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(key.getPublic().getEncoded())));
        assertThat(accepted.fingerprint())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded())));
        assertThat(accepted.bundleMethod()).isEqualTo(BundleMethod.UBIQUITOUS);
        assertThat(accepted.leafPem()).isEqualTo(pem(leaf));
        assertThat(accepted.warnings()).isEmpty();
    }

    @Test
    void reportsTheSameFingerprintWhateverChainCameWithTheLeaf() {
        X509Certificate leaf = leaf();
        ValidatedCertificate alone = accept(
                pem(leaf), BundleMethod.UBIQUITOUS, List.of(ca.intermediate().certificate()));
        ValidatedCertificate withRoot =
                accept(pem(ca.root().certificate(), ca.intermediate().certificate(), leaf));
        assertThat(alone.fingerprint()).isEqualTo(withRoot.fingerprint());
        assertThat(alone.keyFingerprint())
                .isEqualTo(withRoot.keyFingerprint())
                .isEqualTo(KeyFingerprint.of(key.getPublic()));
    }

    @Test
    void takesTheIntermediateFromThoseKeyholdKnowsAndSaysSo() {
        X509Certificate leaf = leaf();
        ValidatedCertificate accepted = accept(
                pem(leaf), BundleMethod.OPTIMAL, List.of(ca.intermediate().certificate()));
        assertThat(accepted.servedChainPem())
                .isEqualTo(pem(leaf, ca.intermediate().certificate()));
        assertThat(accepted.warnings()).singleElement().asString().contains("which Keyhold supplied");
    }

    @Test
    void warnsWhenTheIntermediateExpiresBeforeTheLeaf() {
        Issued shortLived = TestCa.certificate("Short Intermediate", TestCa.rsa(2048))
                .ca()
                .validity(NOW.minus(days(10)), NOW.plus(days(30)))
                .issuedBy(ca.root());
        X509Certificate leaf = ca.leaf(key.getPublic(), "app.keyhold.dev").certificateIssuedBy(shortLived);
        ValidatedCertificate accepted = accept(pem(leaf, shortLived.certificate()));
        assertThat(accepted.warnings())
                .singleElement()
                .asString()
                .contains("Short Intermediate")
                .contains("expires on " + NOW.plus(days(30)));
    }

    @Test
    void warnsThatAnUploadedRootIsNotServed() {
        ValidatedCertificate accepted =
                accept(pem(leaf(), ca.intermediate().certificate(), ca.root().certificate()));
        assertThat(CertificateChainParser.certificates(accepted.servedChainPem(), 10))
                .doesNotContain(ca.root().certificate());
        assertThat(accepted.warnings())
                .singleElement()
                .asString()
                .contains("Keyhold Test Root")
                .contains("not served");
    }

    static Stream<Arguments> strongCertificates() {
        return Stream.of(
                Arguments.of("SHA256withRSA", "secp256r1", "SHA256WithRSA", "p256v1"),
                Arguments.of("SHA384withRSA", "secp384r1", "SHA384WithRSA", "p384"),
                Arguments.of("SHA512withRSA", "rsa2048", "SHA512WithRSA", "rsa2048"),
                Arguments.of("SHA256withRSAandMGF1", "rsa3072", "SHA256WithRSAPSS", "rsa3072"),
                Arguments.of("SHA512withRSAandMGF1", "secp256r1", "SHA512WithRSAPSS", "p256v1"));
    }

    @ParameterizedTest(name = "{0} over a {1} key")
    @MethodSource("strongCertificates")
    void acceptsStrongKeysAndSignaturesAndNamesThemAsCloudflareDoes(
            String algorithm, String keyKind, String signature, String keyType) {
        KeyPair keys =
                keyKind.startsWith("rsa") ? TestCa.rsa(Integer.parseInt(keyKind.substring(3))) : TestCa.ec(keyKind);
        X509Certificate leaf = ca.leaf(keys.getPublic(), "app.keyhold.dev")
                .signatureAlgorithm(algorithm)
                .certificate();
        ValidatedCertificate accepted = validator.validate(
                CertificateUpload.forZone(
                        pem(leaf, ca.intermediate().certificate()), keys.getPublic(), BundleMethod.UBIQUITOUS, zone),
                List.of());
        assertThat(accepted.signature()).isEqualTo(signature);
        assertThat(accepted.keyType()).isEqualTo(keyType);
    }

    @Test
    void namesEcdsaSignaturesAsCloudflareDoes() {
        Issued ecIntermediate = TestCa.certificate("EC Intermediate", TestCa.ec("secp384r1"))
                .ca()
                .issuedBy(ca.root());
        for (String[] c : new String[][] {
            {"SHA256withECDSA", "ECDSAWithSHA256"},
            {"SHA384withECDSA", "ECDSAWithSHA384"},
            {"SHA512withECDSA", "ECDSAWithSHA512"}
        }) {
            X509Certificate leaf = ca.leaf(key.getPublic(), "app.keyhold.dev")
                    .signatureAlgorithm(c[0])
                    .certificateIssuedBy(ecIntermediate);
            assertThat(accept(pem(leaf, ecIntermediate.certificate())).signature())
                    .isEqualTo(c[1]);
        }
    }

    @Test
    void acceptsALeafValidForFifteenMoreDays() {
        X509Certificate leaf = ca.leaf(key.getPublic(), "app.keyhold.dev")
                .validity(NOW.minus(days(75)), NOW.plus(days(15)))
                .certificate();
        assertThat(accept(pem(leaf, ca.intermediate().certificate())).expiresOn())
                .isEqualTo(NOW.plus(days(15)));
    }

    static Stream<Arguments> coveredHostnames() {
        return Stream.of(
                Arguments.of("shop.customer.com", "shop.customer.com"),
                Arguments.of("shop.customer.com", "*.customer.com"),
                Arguments.of("SHOP.customer.com", "shop.CUSTOMER.com"),
                Arguments.of("*.customer.com", "*.customer.com"));
    }

    @ParameterizedTest(name = "{0} is covered by {1}")
    @MethodSource("coveredHostnames")
    void acceptsHostnameCertificatesThatCoverTheHostnameWildcardsIncluded(String hostname, String san) {
        String pem = pem(
                ca.leaf(key.getPublic(), san).certificate(), ca.intermediate().certificate());
        ValidatedCertificate accepted = validator.validate(
                CertificateUpload.forHostname(pem, key.getPublic(), BundleMethod.UBIQUITOUS, new DnsName(hostname)),
                List.of());
        assertThat(accepted.covers(new DnsName(hostname))).isTrue();
    }

    static Stream<Arguments> zoneNames() {
        return Stream.of(
                Arguments.of("keyhold.dev", true),
                Arguments.of("a.b.keyhold.dev", true),
                Arguments.of("*.keyhold.dev", true),
                Arguments.of("other.dev", false),
                Arguments.of("keyhold.dev.evil.com", false));
    }

    @ParameterizedTest(name = "{0} in keyhold.dev: {1}")
    @MethodSource("zoneNames")
    void knowsWhichNamesLieInTheZone(String san, boolean inZone) {
        ValidatedCertificate accepted = accept(pem(
                ca.leaf(key.getPublic(), "app.keyhold.dev").certificate(),
                ca.intermediate().certificate()));
        ValidatedCertificate named = new ValidatedCertificate(
                List.of(san),
                accepted.issuer(),
                accepted.serialNumber(),
                accepted.signature(),
                accepted.notBefore(),
                accepted.expiresOn(),
                accepted.keyType(),
                accepted.keyFingerprint(),
                accepted.fingerprint(),
                accepted.bundleMethod(),
                accepted.leafPem(),
                accepted.servedChainPem(),
                accepted.servedIntermediates(),
                accepted.warnings());
        assertThat(named.coversZone(zone)).isEqualTo(inZone);
    }

    @Test
    void acceptsACertificateIssuedForACsr() throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "api.keyhold.dev")));
        String csr = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder()
                        .encodeToString(new JcaPKCS10CertificationRequestBuilder(
                                        new X500Name("CN=api.keyhold.dev"), key.getPublic())
                                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                                .getEncoded())
                + "\n-----END CERTIFICATE REQUEST-----\n";
        X509Certificate leaf = ca.leafForCsr(csr).certificate();
        assertThat(accept(pem(leaf, ca.intermediate().certificate())).hosts()).containsExactly("api.keyhold.dev");
    }
}
