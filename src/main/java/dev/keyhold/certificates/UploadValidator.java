package dev.keyhold.certificates;

import dev.keyhold.dns.DnsName;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Runs every upload check on a certificate chain and returns the {@link ValidatedCertificate} to store; callers pass
 * the intermediates Keyhold already knows and refuse duplicates themselves. Checks run cheapest and most actionable
 * first, and the first failure is thrown as an {@link InvalidCertificateException}:
 * <ol>
 * <li>parsing and finding the leaf: {@code EMPTY}, {@code MALFORMED}, {@code NO_LEAF}, {@code MULTIPLE_LEAVES};</li>
 * <li>the leaf's key is the expected one: {@code KEY_MISMATCH};</li>
 * <li>the leaf's validity at the clock's now: {@code NOT_YET_VALID}, {@code EXPIRED}, {@code EXPIRING_SOON};</li>
 * <li>strength, before trust so the JDK's own algorithm limits never hide the reason: the leaf key
 * ({@code WEAK_KEY}), then the signatures of the leaf and of every supplied certificate that is not self-signed
 * ({@code WEAK_SIGNATURE});</li>
 * <li>names: {@code NO_ZONE_HOSTNAME}, {@code HOSTNAME_NOT_COVERED};</li>
 * <li>trust, building the served chain by the bundle method: {@code UNTRUSTED}; then the signatures of intermediates
 * Keyhold added ({@code WEAK_SIGNATURE}).</li>
 * </ol>
 */
public class UploadValidator {

    /** A leaf must stay valid at least this long after upload (Cloudflare: "not expiring within 14 days"). */
    public static final Duration MINIMUM_REMAINING_VALIDITY = Duration.ofDays(14);

    private final CertificateChainParser parser = new CertificateChainParser();

    private final ChainBuilder chainBuilder;

    private final Clock clock;

    public UploadValidator(ChainBuilder chainBuilder, Clock clock) {
        this.chainBuilder = Objects.requireNonNull(chainBuilder, "chainBuilder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks the upload and returns its facts.
     *
     * @param knownIntermediates intermediates Keyhold already holds; {@code ubiquitous} and {@code optimal} may add
     * them to the served chain
     * @throws InvalidCertificateException naming the first rule the upload breaks
     */
    public ValidatedCertificate validate(CertificateUpload upload, Collection<X509Certificate> knownIntermediates) {
        UploadedChain chain = this.parser.parse(upload.pem());
        X509Certificate leaf = chain.leaf();
        KeyFingerprint key = KeyFingerprint.of(leaf);
        if (!key.equals(KeyFingerprint.of(upload.expectedKey()))) {
            throw new InvalidCertificateException(
                    CertificateRule.KEY_MISMATCH,
                    "the leaf " + Der.name(leaf)
                            + " carries the key " + key + ", not the expected key "
                            + KeyFingerprint.of(upload.expectedKey())
                            + "; upload the certificate issued for this CSR or private key");
        }
        Instant now = this.clock.instant();
        requireValidity(leaf, now);
        String keyType = CertificateStrength.requireStrongKey(leaf);
        CertificateStrength.requireStrongSignature(leaf, "leaf");
        for (X509Certificate other : chain.others()) {
            if (!Der.isSelfSigned(other)) {
                CertificateStrength.requireStrongSignature(other, "intermediate");
            }
        }
        List<String> hosts = SubjectNames.dnsNames(leaf);
        List<DnsName> names = SubjectNames.names(hosts);
        if (upload.zone() != null && names.stream().noneMatch(n -> n.isWithin(upload.zone()))) {
            throw new InvalidCertificateException(
                    CertificateRule.NO_ZONE_HOSTNAME,
                    "none of the leaf's DNS names " + hosts + " is in the zone " + upload.zone()
                            + "; upload a certificate for a name in the zone");
        }
        if (upload.hostname() != null && names.stream().noneMatch(n -> n.covers(upload.hostname()))) {
            throw new InvalidCertificateException(
                    CertificateRule.HOSTNAME_NOT_COVERED,
                    "none of the leaf's DNS names "
                            + hosts + " covers " + upload.hostname()
                            + "; upload a certificate that names it or a wildcard "
                            + "one level above it");
        }
        ServedChain served = this.chainBuilder.build(chain, upload.bundleMethod(), knownIntermediates);
        for (X509Certificate intermediate : served.intermediates()) {
            CertificateStrength.requireStrongSignature(intermediate, "intermediate");
        }
        return new ValidatedCertificate(
                hosts,
                SubjectNames.issuer(leaf),
                leaf.getSerialNumber(),
                CertificateStrength.signatureName(leaf),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                keyType,
                key,
                HexFormat.of().formatHex(Der.sha256(Der.encoded(leaf))),
                upload.bundleMethod(),
                Der.pem(List.of(leaf)),
                served.pem(),
                served.intermediates(),
                UploadWarnings.of(chain, served));
    }

    private static void requireValidity(X509Certificate leaf, Instant now) {
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new InvalidCertificateException(
                    CertificateRule.NOT_YET_VALID,
                    "the leaf is valid only from " + notBefore
                            + "; upload it then, or ask the authority for a certificate valid now");
        }
        if (now.isAfter(notAfter)) {
            throw new InvalidCertificateException(
                    CertificateRule.EXPIRED, "the leaf expired on " + notAfter + "; upload a renewed certificate");
        }
        if (notAfter.isBefore(now.plus(MINIMUM_REMAINING_VALIDITY))) {
            throw new InvalidCertificateException(
                    CertificateRule.EXPIRING_SOON,
                    "the leaf expires on " + notAfter + ", within " + MINIMUM_REMAINING_VALIDITY.toDays()
                            + " days; upload a renewed certificate");
        }
    }
}
