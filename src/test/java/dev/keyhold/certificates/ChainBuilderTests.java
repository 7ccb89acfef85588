package dev.keyhold.certificates;

import static dev.keyhold.support.TestCa.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.TestCa;
import dev.keyhold.support.TestCa.Issued;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How {@link ChainBuilder} picks the served chain when there is a choice: a new root that an old root cross-signed,
 * as Let's Encrypt's ISRG Root X1 was by DST Root CA X3.
 */
class ChainBuilderTests {

    static final KeyPair key = TestCa.ec("secp256r1");

    static final Issued oldRoot =
            TestCa.certificate("Old Root", TestCa.rsa(2048)).ca().selfSigned();

    static final Issued newRoot =
            TestCa.certificate("New Root", TestCa.rsa(2048)).ca().selfSigned();

    static final Issued crossSigned = TestCa.certificate("New Root", newRoot.keys())
            .ca()
            .subject(newRoot.certificate())
            .issuedBy(oldRoot);

    static final Issued intermediate =
            TestCa.certificate("Issuing CA", TestCa.rsa(2048)).ca().issuedBy(newRoot);

    static final X509Certificate leaf = TestCa.certificate("app.keyhold.dev", key.getPublic())
            .sans("app.keyhold.dev")
            .certificateIssuedBy(intermediate);

    static final UploadedChain upload =
            UploadedChain.of(List.of(leaf, intermediate.certificate(), crossSigned.certificate()));

    static ChainBuilder trusting(Issued... roots) {
        return new ChainBuilder(
                TrustStore.of(Stream.of(roots).map(Issued::certificate).toList()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void optimalChoosesTheShorterPathToTheNewRootOverTheCrossSignedOne() {
        ServedChain served = trusting(oldRoot, newRoot).build(upload, BundleMethod.OPTIMAL, List.of());
        assertThat(served.certificates()).containsExactly(leaf, intermediate.certificate());
        assertThat(served.anchor()).isEqualTo(newRoot.certificate());
    }

    @Test
    void forceServesTheCrossSignedPathAsUploaded() {
        ServedChain served = trusting(oldRoot, newRoot).build(upload, BundleMethod.FORCE, List.of());
        assertThat(served.certificates()).containsExactly(leaf, intermediate.certificate(), crossSigned.certificate());
        assertThat(served.anchor()).isEqualTo(oldRoot.certificate());
    }

    static Stream<Arguments> methods() {
        return Stream.of(Arguments.of(BundleMethod.UBIQUITOUS), Arguments.of(BundleMethod.OPTIMAL));
    }

    @ParameterizedTest
    @MethodSource("methods")
    void takesTheCrossSignedPathWhenOnlyTheOldRootIsTrusted(BundleMethod method) {
        ServedChain served = trusting(oldRoot).build(upload, method, List.of());
        assertThat(served.certificates()).containsExactly(leaf, intermediate.certificate(), crossSigned.certificate());
        assertThat(served.anchor()).isEqualTo(oldRoot.certificate());
    }

    @ParameterizedTest
    @MethodSource("methods")
    void neverServesARootEvenWhenKeyholdKnowsItAsAnIntermediate(BundleMethod method) {
        UploadedChain leafOnly = UploadedChain.of(List.of(leaf));
        ServedChain served = trusting(newRoot)
                .build(
                        leafOnly,
                        method,
                        List.of(newRoot.certificate(), intermediate.certificate(), crossSigned.certificate()));
        assertThat(served.certificates()).containsExactly(leaf, intermediate.certificate());
        assertThat(served.pem()).isEqualTo(TestCa.pem(leaf, intermediate.certificate()));
    }

    @Test
    void ubiquitousFindsSomeValidPathWhenBothRootsAreTrusted() {
        // NOTE: which one is the JDK builder's choice; Keyhold has no ubiquity data to rank the two (BundleMethod)
        ServedChain served = trusting(oldRoot, newRoot).build(upload, BundleMethod.UBIQUITOUS, List.of());
        assertThat(served.certificates()).startsWith(leaf, intermediate.certificate());
        assertThat(served.anchor()).isIn(oldRoot.certificate(), newRoot.certificate());
    }

    @ParameterizedTest
    @EnumSource(BundleMethod.class)
    void servesASelfSignedLeafAloneWhenTheOperatorTrustsItAsAnAnchor(BundleMethod method) {
        Issued selfSigned = TestCa.certificate("internal.keyhold.dev", key)
                .sans("internal.keyhold.dev")
                .selfSigned();
        ServedChain served =
                trusting(selfSigned).build(UploadedChain.of(List.of(selfSigned.certificate())), method, List.of());
        assertThat(served.certificates()).containsExactly(selfSigned.certificate());
    }
}
