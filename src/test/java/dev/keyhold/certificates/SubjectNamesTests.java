package dev.keyhold.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class SubjectNamesTests {

    @Test
    void showsAnIssuerWhoseOrganizationIsNotValidUtf8InsteadOfFailing() throws Exception {
        // NOTE: the input CertificateChainFuzzTests found in CI: O is a UTF8String holding the bytes b7 9a
        X509Certificate certificate = certificate("issuer-not-valid-utf8");

        assertThat(SubjectNames.issuer(certificate))
                .contains("CN=Keyhold Fuzz Intermediate")
                .contains("\uFFFDyhold Tests");
    }

    @Test
    void showsAnIssuerThatBouncyCastleCannotParseInsteadOfFailing() throws Exception {
        // NOTE: the second input CertificateChainFuzzTests found in CI: a BIT STRING with bad padding in the issuer
        X509Certificate certificate = certificate("issuer-bit-string-bad-padding");

        assertThat(SubjectNames.issuer(certificate))
                .isEqualTo(certificate.getIssuerX500Principal().getName());
    }

    private static X509Certificate certificate(String seed) throws Exception {
        try (InputStream in = SubjectNamesTests.class.getResourceAsStream(
                "CertificateChainFuzzTestsInputs/parsesAnyDerInAPemBlock/" + seed)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(in.readAllBytes()));
        }
    }
}
