package dev.keyhold.certificates;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses and validates the chain to serve with a leaf, with the JDK's PKIX builder and validator against the
 * {@link TrustStore}, at the injected clock's time, without revocation checks (uploads carry no network dependency).
 * See {@link BundleMethod} for how each method picks its path; any failure is {@link CertificateRule#UNTRUSTED}.
 */
public class ChainBuilder {

    /** The most intermediates a path may hold, as the JDK's builder defaults to. */
    static final int MAX_INTERMEDIATES = 5;

    private final TrustStore trustStore;

    private final Clock clock;

    public ChainBuilder(TrustStore trustStore, Clock clock) {
        this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The chain to serve for the upload.
     *
     * @param knownIntermediates intermediates Keyhold already holds, offered to {@code ubiquitous} and {@code optimal}
     * @throws InvalidCertificateException ({@link CertificateRule#UNTRUSTED}) when no valid path leads to an anchor
     */
    public ServedChain build(UploadedChain chain, BundleMethod method, Collection<X509Certificate> knownIntermediates) {
        if (Der.isSelfSigned(chain.leaf()) && !this.trustStore.isAnchor(chain.leaf())) {
            throw untrusted("the leaf " + Der.name(chain.leaf()) + " is self-signed; upload a certificate issued by a "
                    + "trusted certificate authority");
        }
        return switch (method) {
            case FORCE -> asGiven(chain);
            case UBIQUITOUS -> built(chain, knownIntermediates, MAX_INTERMEDIATES, MAX_INTERMEDIATES);
            case OPTIMAL -> built(chain, knownIntermediates, 0, MAX_INTERMEDIATES);
        };
    }

    private ServedChain asGiven(UploadedChain chain) {
        List<X509Certificate> path = new ArrayList<>(chain.all());
        while (path.size() > 1 && this.trustStore.isAnchor(path.get(path.size() - 1))) {
            path.remove(path.size() - 1); // NOTE: an uploaded root is the anchor itself, never part of a PKIX path
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(this.trustStore.anchors());
            configure(parameters);
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult)
                    CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return new ServedChain(path, result.getTrustAnchor().getTrustedCert());
        } catch (GeneralSecurityException ex) {
            throw untrusted("the chain as uploaded (bundle_method force: leaf, then the others in the order given) "
                    + "does not lead to a trusted root: " + ex.getMessage()
                    + "; upload the intermediates in order from the leaf towards the root");
        }
    }

    // NOTE: the JDK's builder searches depth first and returns the first path it finds; raising the length limit one
    // step at a time makes the first success the shortest path
    private ServedChain built(UploadedChain chain, Collection<X509Certificate> known, int fromLength, int toLength) {
        Set<X509Certificate> pool = new LinkedHashSet<>(chain.others());
        pool.addAll(known);
        GeneralSecurityException last = null;
        for (int length = fromLength; length <= toLength; length++) {
            try {
                return build(chain.leaf(), pool, length);
            } catch (GeneralSecurityException ex) {
                last = ex;
            }
        }
        StringBuilder expired = new StringBuilder();
        Date now = Date.from(this.clock.instant());
        for (X509Certificate other : chain.others()) {
            if (other.getNotAfter().before(now)) {
                expired.append("; the uploaded ")
                        .append(Der.name(other))
                        .append(" expired on ")
                        .append(other.getNotAfter().toInstant());
            }
        }
        throw untrusted("no chain from " + Der.name(chain.leaf()) + " leads to a trusted root ("
                + (last == null ? "no path" : last.getMessage()) + ")" + expired
                + "; upload the intermediates your certificate authority gave you, or use a certificate from a "
                + "publicly trusted authority");
    }

    private ServedChain build(X509Certificate leaf, Set<X509Certificate> pool, int maxIntermediates)
            throws GeneralSecurityException {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(leaf);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(this.trustStore.anchors(), target);
        configure(parameters);
        parameters.setMaxPathLength(maxIntermediates);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
        PKIXCertPathBuilderResult result =
                (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
        // NOTE: a leaf the operator trusts as an anchor is built as an empty path; it is still served
        List<X509Certificate> path = new ArrayList<>(List.of(leaf));
        for (var c : result.getCertPath().getCertificates()) {
            X509Certificate certificate = (X509Certificate) c;
            if (!certificate.equals(leaf) && !this.trustStore.isAnchor(certificate)) {
                path.add(certificate);
            }
        }
        return new ServedChain(path, result.getTrustAnchor().getTrustedCert());
    }

    private void configure(PKIXParameters parameters) throws InvalidAlgorithmParameterException {
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(this.clock.instant()));
    }

    private static InvalidCertificateException untrusted(String detail) {
        return new InvalidCertificateException(CertificateRule.UNTRUSTED, detail);
    }
}
