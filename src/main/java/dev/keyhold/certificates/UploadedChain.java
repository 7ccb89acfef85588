package dev.keyhold.certificates;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The certificates of one upload: the leaf, and the others in the order given, duplicates removed. Get one from
 * {@link CertificateChainParser}.
 *
 * <p>
 * The leaf is the one certificate that is an end entity: its basicConstraints are absent or say {@code cA=false},
 * it issued none of the other supplied certificates (so a version 1 intermediate without extensions is not taken for
 * a leaf), and it is not a self-signed version 1 certificate (a legacy root). None such is
 * {@link CertificateRule#NO_LEAF}, so a self-signed CA certificate uploaded alone is refused as having no leaf; more
 * than one is {@link CertificateRule#MULTIPLE_LEAVES}.
 *
 * @param leaf the end-entity certificate
 * @param others the other supplied certificates, in upload order
 */
public record UploadedChain(X509Certificate leaf, List<X509Certificate> others) {

    public UploadedChain {
        others = List.copyOf(others);
    }

    /** Finds the leaf among the certificates, by the rule above. */
    static UploadedChain of(List<X509Certificate> certificates) {
        List<X509Certificate> distinct = new ArrayList<>();
        for (X509Certificate c : certificates) {
            if (distinct.stream().noneMatch(d -> Arrays.equals(Der.encoded(d), Der.encoded(c)))) {
                distinct.add(c);
            }
        }
        List<X509Certificate> leaves =
                distinct.stream().filter(c -> isLeaf(c, distinct)).toList();
        if (leaves.isEmpty()) {
            throw new InvalidCertificateException(
                    CertificateRule.NO_LEAF,
                    "no uploaded certificate (of "
                            + distinct.size() + ") is an end-entity certificate: each is a CA or issued another one; "
                            + "upload the leaf certificate issued for your key");
        }
        if (leaves.size() > 1) {
            throw new InvalidCertificateException(
                    CertificateRule.MULTIPLE_LEAVES,
                    leaves.size()
                            + " end-entity certificates ("
                            + leaves.stream().map(Der::name).collect(Collectors.joining("; "))
                            + "); upload one leaf with its intermediates");
        }
        X509Certificate leaf = leaves.get(0);
        return new UploadedChain(leaf, distinct.stream().filter(c -> c != leaf).toList());
    }

    /** The leaf followed by the others, in upload order. */
    public List<X509Certificate> all() {
        List<X509Certificate> all = new ArrayList<>(this.others.size() + 1);
        all.add(this.leaf);
        all.addAll(this.others);
        return all;
    }

    private static boolean isLeaf(X509Certificate c, List<X509Certificate> all) {
        boolean ca = c.getBasicConstraints() >= 0;
        boolean issuesAnother = all.stream().anyMatch(other -> other != c && Der.issued(c, other));
        boolean legacyRoot = c.getVersion() == 1 && Der.isSelfSigned(c);
        return !ca && !issuesAnother && !legacyRoot;
    }
}
