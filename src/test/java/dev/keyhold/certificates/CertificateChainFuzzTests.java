package dev.keyhold.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keyhold.dns.DnsName;
import dev.keyhold.support.HostileInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Hostile certificate uploads: arbitrary PEM text, arbitrary DER inside a PEM block, and whole uploads through the
 * {@link UploadValidator} and {@link ChainBuilder}. Each input is an {@link UploadedChain} (or a
 * {@link ValidatedCertificate}) or an {@link InvalidCertificateException} naming a rule, never anything else. The
 * seeds' chain ends at {@code fuzz-trust-anchor.pem} (a root certificate without its key), valid at {@link #NOW}.
 */
class CertificateChainFuzzTests {

    /** A time at which the seed chain is valid. */
    static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

    private static final List<Class<? extends RuntimeException>> REFUSED = List.of(InvalidCertificateException.class);

    private static final CertificateChainParser PARSER = new CertificateChainParser();

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final UploadValidator VALIDATOR =
            new UploadValidator(new ChainBuilder(TrustStore.of(List.of(anchor())), CLOCK), CLOCK);

    @FuzzTest(maxDuration = "30s")
    void parsesAnyPemTextIntoAChainOrRefusesIt(byte[] input) {
        String pem = HostileInput.text(input);
        UploadedChain chain = HostileInput.check(() -> PARSER.parse(pem), REFUSED);
        if (chain != null) {
            assertThat(chain.all()).hasSizeBetween(1, CertificateChainParser.MAX_CERTIFICATES);
            assertThat(chain.others()).doesNotContain(chain.leaf());
            assertThat(chain.leaf().getBasicConstraints()).isEqualTo(-1);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void parsesAnyDerInAPemBlock(byte[] der) {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        UploadedChain chain = HostileInput.check(() -> PARSER.parse(pem), REFUSED);
        if (chain != null) {
            assertThat(Der.encoded(chain.leaf())).isEqualTo(der);
            HostileInput.check(() -> SubjectNames.names(SubjectNames.dnsNames(chain.leaf())), REFUSED);
            assertThat(SubjectNames.issuer(chain.leaf())).isNotNull();
        }
    }

    /**
     * The whole upload check, with the leaf's own key as the expected one (so a mutated chain gets past the key match
     * to validity, strength, names and trust) and the bundle method and zone picked by the input's first byte.
     */
    @FuzzTest(maxDuration = "30s")
    void validatesAnyUploadOrRefusesItWithARule(byte[] input) {
        if (input.length == 0) {
            return;
        }
        BundleMethod method = BundleMethod.values()[Byte.toUnsignedInt(input[0]) % BundleMethod.values().length];
        String pem = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        UploadedChain chain = HostileInput.check(() -> PARSER.parse(pem), REFUSED);
        if (chain == null) {
            return;
        }
        DnsName zone = new DnsName((input[0] & 0x80) == 0 ? "keyhold.dev" : "app.keyhold.dev");
        CertificateUpload upload = (input[0] & 0x40) == 0
                ? CertificateUpload.forZone(pem, chain.leaf().getPublicKey(), method, zone)
                : CertificateUpload.forHostname(pem, chain.leaf().getPublicKey(), method, zone);
        ValidatedCertificate facts = HostileInput.check(() -> VALIDATOR.validate(upload, List.of()), REFUSED);
        if (facts != null) {
            assertThat(facts.hosts()).isNotEmpty();
            assertThat(facts.servedChainPem()).startsWith("-----BEGIN CERTIFICATE-----");
        }
    }

    private static X509Certificate anchor() {
        try (InputStream in = CertificateChainFuzzTests.class.getResourceAsStream("fuzz-trust-anchor.pem")) {
            return CertificateChainParser.certificates(new String(in.readAllBytes(), StandardCharsets.US_ASCII), 1)
                    .get(0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
