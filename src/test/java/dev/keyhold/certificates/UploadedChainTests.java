package dev.keyhold.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.TestCa.Issued;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leaf rule of {@link UploadedChain}. */
class UploadedChainTests {

    static final TestCa ca = TestCa.generate();

    static final KeyPair key = TestCa.ec("secp256r1");

    @Test
    void takesACertificateWithoutBasicConstraintsForTheLeaf() {
        X509Certificate leaf = ca.leaf(key.getPublic(), "app.keyhold.dev")
                .withoutBasicConstraints()
                .certificate();
        assertThat(UploadedChain.of(List.of(ca.intermediate().certificate(), leaf))
                        .leaf())
                .isEqualTo(leaf);
    }

    @Test
    void neverTakesACertificateThatIssuedAnotherForTheLeafEvenWithoutBasicConstraints() {
        Issued legacy = TestCa.certificate("Legacy Intermediate", TestCa.rsa(2048))
                .withoutBasicConstraints()
                .issuedBy(ca.root());
        X509Certificate leaf = ca.leaf(key.getPublic(), "app.keyhold.dev").certificateIssuedBy(legacy);
        UploadedChain chain = UploadedChain.of(List.of(legacy.certificate(), leaf));
        assertThat(chain.leaf()).isEqualTo(leaf);
        assertThat(chain.others()).containsExactly(legacy.certificate());
    }

    @Test
    void refusesACaFlaggedCertificateAsTheOnlyLeafCandidate() {
        X509Certificate caFlagged =
                ca.leaf(key.getPublic(), "app.keyhold.dev").ca().certificate();
        assertThatThrownBy(() -> UploadedChain.of(List.of(caFlagged)))
                .isInstanceOfSatisfying(InvalidCertificateException.class, ex -> assertThat(ex.rule())
                        .isEqualTo(CertificateRule.NO_LEAF));
    }

    @Test
    void keepsTheOthersInUploadOrderWithoutDuplicates() {
        X509Certificate leaf = ca.leaf(key.getPublic(), "app.keyhold.dev").certificate();
        UploadedChain chain = UploadedChain.of(List.of(
                ca.root().certificate(),
                leaf,
                ca.intermediate().certificate(),
                ca.root().certificate()));
        assertThat(chain.all())
                .containsExactly(
                        leaf, ca.root().certificate(), ca.intermediate().certificate());
    }
}
