package dev.keyhold.certificates;

import dev.keyhold.system.InvalidConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates an uploaded chain must lead to: the JDK's default roots (cacerts under {@code java.home}) plus
 * extra PEM anchors, or only the anchors of one PEM file. Build it once at startup with {@link #fromSettings}, which
 * fails with the fix when a configured file is unusable.
 */
public final class TrustStore {

    static final String STORE_VARIABLE = "KEYHOLD_TRUST_STORE";

    static final String EXTRA_VARIABLE = "KEYHOLD_EXTRA_TRUST_ANCHORS";

    private static final int MAX_ANCHORS_PER_FILE = 1_000;

    private final List<X509Certificate> certificates;

    private final Set<TrustAnchor> anchors;

    private TrustStore(Collection<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a trust store needs at least one anchor");
        }
        this.certificates = List.copyOf(certificates);
        this.anchors =
                this.certificates.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
    }

    /** Only these anchors. */
    public static TrustStore of(Collection<X509Certificate> anchors) {
        return new TrustStore(anchors);
    }

    /**
     * The JDK's default trust anchors, as its default {@link TrustManagerFactory} sees them: {@code lib/security/cacerts}
     * under {@code java.home}, unless {@code javax.net.ssl.trustStore} points elsewhere.
     */
    public static TrustStore jdkDefaults() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new TrustStore(Arrays.asList(x509.getAcceptedIssuers()));
                }
            }
            throw new InvalidConfigurationException("the JDK at " + System.getProperty("java.home")
                    + " has no X.509 trust manager; install a full JDK or set " + STORE_VARIABLE + " to a PEM file");
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new InvalidConfigurationException(
                    "cannot read the JDK's trust store (cacerts under "
                            + System.getProperty("java.home") + "): " + ex.getMessage()
                            + "; fix the JDK installation or set "
                            + STORE_VARIABLE + " to a PEM file of trusted roots",
                    ex);
        }
    }

    /**
     * The trust store the settings describe: only the anchors in {@code storeFile} when it is set, otherwise the
     * JDK's roots plus those in {@code extraAnchorsFile} when that is set. Blank means unset.
     *
     * @throws InvalidConfigurationException when both are set, or a file is unreadable or holds no certificate
     */
    public static TrustStore fromSettings(String storeFile, String extraAnchorsFile) {
        boolean store = storeFile != null && !storeFile.isBlank();
        boolean extra = extraAnchorsFile != null && !extraAnchorsFile.isBlank();
        if (store && extra) {
            throw new InvalidConfigurationException(STORE_VARIABLE + " and " + EXTRA_VARIABLE + " are both set, but "
                    + STORE_VARIABLE + " replaces the whole trust store; put the extra anchors into " + storeFile
                    + " and unset " + EXTRA_VARIABLE);
        }
        if (store) {
            return new TrustStore(readPem(storeFile, STORE_VARIABLE));
        }
        TrustStore jdk = jdkDefaults();
        return extra ? jdk.plus(readPem(extraAnchorsFile, EXTRA_VARIABLE)) : jdk;
    }

    /** This store with more anchors. */
    public TrustStore plus(Collection<X509Certificate> more) {
        List<X509Certificate> all = new ArrayList<>(this.certificates);
        all.addAll(more);
        return new TrustStore(all);
    }

    /** The anchors, for {@link java.security.cert.PKIXParameters}. */
    public Set<TrustAnchor> anchors() {
        return this.anchors;
    }

    public int size() {
        return this.certificates.size();
    }

    /**
     * Whether this exact certificate is an anchor. A cross-signed certificate with an anchor's name and key is not: it
     * is an intermediate that leads to another anchor.
     */
    public boolean isAnchor(X509Certificate certificate) {
        return this.certificates.contains(certificate);
    }

    private static List<X509Certificate> readPem(String file, String variable) {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException ex) {
            throw new InvalidConfigurationException(
                    variable + "=" + file + " cannot be read (" + ex
                            + "); point it at a readable PEM file of CA certificates, or unset it",
                    ex);
        }
        try {
            return CertificateChainParser.certificates(text, MAX_ANCHORS_PER_FILE);
        } catch (InvalidCertificateException ex) {
            throw new InvalidConfigurationException(
                    variable + "=" + file + " is not a PEM file of certificates (" + ex.detail()
                            + "); fix the file or unset " + variable,
                    ex);
        }
    }
}
