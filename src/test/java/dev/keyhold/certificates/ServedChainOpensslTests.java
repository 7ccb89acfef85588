package dev.keyhold.certificates;

import static dev.keyhold.support.TestCa.NOW;
import static dev.keyhold.support.TestCa.pem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.dns.DnsName;
import dev.keyhold.support.TestCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The served chain, checked by {@code openssl verify} as a verifier independent of the JDK and Bouncy Castle. */
class ServedChainOpensslTests {

    static final TestCa ca = TestCa.generate();

    static final KeyPair key = TestCa.ec("secp256r1");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(BundleMethod.class)
    void opensslVerifiesTheServedChainAgainstTheRootAlone(BundleMethod method) throws Exception {
        X509Certificate leaf = ca.leaf(key.getPublic(), "app.keyhold.dev").certificate();
        UploadValidator validator = new UploadValidator(
                new ChainBuilder(TrustStore.of(List.of(ca.root().certificate())), Clock.fixed(NOW, ZoneOffset.UTC)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String served = validator
                .validate(
                        CertificateUpload.forZone(
                                pem(
                                        leaf,
                                        ca.intermediate().certificate(),
                                        ca.root().certificate()),
                                key.getPublic(),
                                method,
                                new DnsName("keyhold.dev")),
                        List.of())
                .servedChainPem();
        Path root = Files.writeString(this.dir.resolve("root.pem"), ca.root().pem());
        Path chain = Files.writeString(this.dir.resolve("chain.pem"), served);
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "verify",
                        "-attime",
                        String.valueOf(NOW.getEpochSecond()),
                        "-CAfile",
                        root.toString(),
                        "-untrusted",
                        chain.toString(),
                        "-purpose",
                        "sslserver",
                        chain.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();
        assertThat(CertificateChainParser.certificates(served, 10))
                .doesNotContain(ca.root().certificate());
    }
}
