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
        byte[] der;
        try (InputStream in = SubjectNamesTests.class.getResourceAsStream(
                "CertificateChainFuzzTestsInputs/parsesAnyDerInAPemBlock/issuer-not-valid-utf8")) {
            der = in.readAllBytes();
        }
        X509Certificate certificate = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));

        assertThat(SubjectNames.issuer(certificate))
                .contains("CN=Keyhold Fuzz Intermediate")
                .contains("\uFFFDyhold Tests");
    }
}
