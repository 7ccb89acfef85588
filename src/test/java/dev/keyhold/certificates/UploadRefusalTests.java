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
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal of {@link UploadValidator}, driven by real certificates from {@link TestCa}. */
class UploadRefusalTests {

    static final TestCa ca = TestCa.generate();

    static final KeyPair key = TestCa.ec("secp256r1");

    static final DnsName zone = new DnsName("keyhold.dev");

    static final UploadValidator validator = new UploadValidator(
            new ChainBuilder(TrustStore.of(List.of(ca.root().certificate())), Clock.fixed(NOW, ZoneOffset.UTC)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static X509Certificate leaf() {
        return ca.leaf(key.getPublic(), "app.keyhold.dev").certificate();
    }

    static String chain(X509Certificate leaf) {
        return pem(leaf, ca.intermediate().certificate());
    }

    static Stream<Arguments> refusals() {
        Issued second =
                TestCa.certificate("Second Intermediate", TestCa.rsa(2048)).ca().issuedBy(ca.intermediate());
        X509Certificate underSecond =
                ca.leaf(key.getPublic(), "app.keyhold.dev").certificateIssuedBy(second);
        String goodLeaf = pem(leaf());
        return Stream.of(
                refusal("nothing", () -> "", CertificateRule.EMPTY),
                refusal("whitespace", () -> " \n\t\n", CertificateRule.EMPTY),
                refusal("garbage", () -> "hello, certificate", CertificateRule.MALFORMED),
                refusal(
                        "bad base64",
                        () -> "-----BEGIN CERTIFICATE-----\nMII$$$\n-----END CERTIFICATE-----\n",
                        CertificateRule.MALFORMED),
                refusal(
                        "truncated DER",
                        () -> goodLeaf.substring(0, 200) + "\n-----END CERTIFICATE-----\n",
                        CertificateRule.MALFORMED),
                refusal(
                        "mismatched END line",
                        () -> goodLeaf.replace("END CERTIFICATE", "END CERTIFICATE REQUEST"),
                        CertificateRule.MALFORMED),
                refusal(
                        "a private key block",
                        () -> goodLeaf + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                        CertificateRule.MALFORMED),
                refusal(
                        "text between blocks",
                        () -> goodLeaf + "subject=CN=Keyhold Test Intermediate\n"
                                + ca.intermediate().pem(),
                        CertificateRule.MALFORMED),
                refusal("eleven certificates", () -> goodLeaf.repeat(11), CertificateRule.MALFORMED),
                refusal(
                        "only CA certificates",
                        () -> pem(ca.intermediate().certificate(), ca.root().certificate()),
                        CertificateRule.NO_LEAF),
                refusal(
                        "a self-signed CA certificate alone",
                        () -> ca.untrustedRoot().pem(),
                        CertificateRule.NO_LEAF),
                refusal(
                        "two leaves",
                        () -> pem(
                                leaf(),
                                ca.leaf(key.getPublic(), "www.keyhold.dev").certificate(),
                                ca.intermediate().certificate()),
                        CertificateRule.MULTIPLE_LEAVES),
                refusal(
                        "a leaf for another key",
                        () -> chain(ca.leaf(TestCa.ec("secp256r1").getPublic(), "app.keyhold.dev")
                                .certificate()),
                        CertificateRule.KEY_MISMATCH),
                refusal(
                        "an expired leaf",
                        () -> chain(ca.leaf(key.getPublic(), "app.keyhold.dev")
                                .validity(NOW.minus(days(90)), NOW.minus(days(1)))
                                .certificate()),
                        CertificateRule.EXPIRED),
                refusal(
                        "a leaf valid from tomorrow",
                        () -> chain(ca.leaf(key.getPublic(), "app.keyhold.dev")
                                .validity(NOW.plus(days(1)), NOW.plus(days(90)))
                                .certificate()),
                        CertificateRule.NOT_YET_VALID),
                refusal(
                        "a leaf expiring in 13 days",
                        () -> chain(ca.leaf(key.getPublic(), "app.keyhold.dev")
                                .validity(NOW.minus(days(1)), NOW.plus(days(13)))
                                .certificate()),
                        CertificateRule.EXPIRING_SOON),
                refusal(
                        "a leaf expiring in 14 days less a second",
                        () -> chain(ca.leaf(key.getPublic(), "app.keyhold.dev")
                                .validity(NOW.minus(days(1)), NOW.plus(days(14)).minusSeconds(1))
                                .certificate()),
                        CertificateRule.EXPIRING_SOON),
                refusal(
                        "an RSA-1024 leaf",
                        () -> {
                            KeyPair small = TestCa.rsa(1024);
                            return chain(ca.leaf(small.getPublic(), "app.keyhold.dev")
                                    .certificate());
                        },
                        CertificateRule.WEAK_KEY,
                        true),
                refusal(
                        "a P-521 leaf",
                        () -> {
                            KeyPair p521 = TestCa.ec("secp521r1");
                            return chain(
                                    ca.leaf(p521.getPublic(), "app.keyhold.dev").certificate());
                        },
                        CertificateRule.WEAK_KEY,
                        true),
                refusal(
                        "a SHA-1 signed leaf",
                        () -> chain(ca.leaf(key.getPublic(), "app.keyhold.dev")
                                .signatureAlgorithm("SHA1withRSA")
                                .certificate()),
                        CertificateRule.WEAK_SIGNATURE),
                refusal(
                        "an MD5 signed leaf",
                        () -> chain(ca.leaf(key.getPublic(), "app.keyhold.dev")
                                .signatureAlgorithm("MD5withRSA")
                                .certificate()),
                        CertificateRule.WEAK_SIGNATURE),
                refusal(
                        "a SHA-1 signed intermediate",
                        () -> {
                            Issued weak = TestCa.certificate("Weak Intermediate", TestCa.rsa(2048))
                                    .ca()
                                    .signatureAlgorithm("SHA1withRSA")
                                    .issuedBy(ca.root());
                            return pem(
                                    ca.leaf(key.getPublic(), "app.keyhold.dev").certificateIssuedBy(weak),
                                    weak.certificate());
                        },
                        CertificateRule.WEAK_SIGNATURE),
                refusal(
                        "no name in the zone",
                        () -> chain(ca.leaf(key.getPublic(), "app.example.net").certificate()),
                        CertificateRule.NO_ZONE_HOSTNAME),
                refusal(
                        "a name that merely ends like the zone",
                        () -> chain(ca.leaf(key.getPublic(), "notkeyhold.dev").certificate()),
                        CertificateRule.NO_ZONE_HOSTNAME),
                refusal(
                        "a self-signed leaf",
                        () -> pem(TestCa.certificate("app.keyhold.dev", key)
                                .sans("app.keyhold.dev")
                                .validity(NOW.minus(days(1)), NOW.plus(days(90)))
                                .selfSigned()
                                .certificate()),
                        CertificateRule.UNTRUSTED),
                refusal(
                        "a leaf from the untrusted root",
                        () -> pem(
                                ca.leaf(key.getPublic(), "app.keyhold.dev")
                                        .certificateIssuedBy(ca.untrustedIntermediate()),
                                ca.untrustedIntermediate().certificate(),
                                ca.untrustedRoot().certificate()),
                        CertificateRule.UNTRUSTED),
                refusal("a leaf without its intermediate", () -> pem(leaf()), CertificateRule.UNTRUSTED),
                refusal(
                        "an expired intermediate",
                        () -> {
                            Issued old = TestCa.certificate("Old Intermediate", TestCa.rsa(2048))
                                    .ca()
                                    .validity(NOW.minus(days(400)), NOW.minus(days(10)))
                                    .issuedBy(ca.root());
                            return pem(
                                    ca.leaf(key.getPublic(), "app.keyhold.dev").certificateIssuedBy(old),
                                    old.certificate());
                        },
                        CertificateRule.UNTRUSTED),
                Arguments.of(
                        "force with intermediates out of order",
                        (Supplier<String>)
                                () -> pem(underSecond, ca.intermediate().certificate(), second.certificate()),
                        BundleMethod.FORCE,
                        CertificateRule.UNTRUSTED,
                        false),
                Arguments.of(
                        "force without the intermediate",
                        (Supplier<String>) () -> pem(leaf()),
                        BundleMethod.FORCE,
                        CertificateRule.UNTRUSTED,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesUploadsThatBreakARule(
            String name, Supplier<String> upload, BundleMethod method, CertificateRule rule, boolean ownKey) {
        String pem = upload.get();
        // NOTE: the weak-key cases carry their own key, so the key check must expect the leaf's key to reach them
        var expected = ownKey ? new CertificateChainParser().parse(pem).leaf().getPublicKey() : key.getPublic();
        assertThatThrownBy(() -> validator.validate(CertificateUpload.forZone(pem, expected, method, zone), List.of()))
                .isInstanceOfSatisfying(
                        InvalidCertificateException.class,
                        ex -> assertThat(ex.rule()).as(ex.detail()).isEqualTo(rule));
    }

    @ParameterizedTest(name = "{0} is not covered by {1}")
    @MethodSource("uncoveredHostnames")
    void refusesHostnameCertificatesThatDoNotCoverTheHostname(String hostname, String san) {
        String pem = chain(ca.leaf(key.getPublic(), san).certificate());
        assertThatThrownBy(() -> validator.validate(
                        CertificateUpload.forHostname(
                                pem, key.getPublic(), BundleMethod.UBIQUITOUS, new DnsName(hostname)),
                        List.of()))
                .isInstanceOfSatisfying(InvalidCertificateException.class, ex -> assertThat(ex.rule())
                        .isEqualTo(CertificateRule.HOSTNAME_NOT_COVERED));
    }

    static Stream<Arguments> uncoveredHostnames() {
        return Stream.of(
                Arguments.of("shop.customer.com", "www.customer.com"),
                Arguments.of("customer.com", "*.customer.com"),
                Arguments.of("a.b.customer.com", "*.customer.com"),
                Arguments.of("shop.customer.com", "*.shop.customer.com"));
    }

    private static Arguments refusal(String name, Supplier<String> upload, CertificateRule rule) {
        return refusal(name, upload, rule, false);
    }

    private static Arguments refusal(String name, Supplier<String> upload, CertificateRule rule, boolean ownKey) {
        return Arguments.of(name, upload, BundleMethod.UBIQUITOUS, rule, ownKey);
    }
}
