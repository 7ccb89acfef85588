package dev.keyhold.certificates;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The chain Keyhold serves with a leaf, as {@link ChainBuilder} chose it: the leaf first, then the intermediates up to
 * (never including) the trust anchor.
 *
 * @param certificates the leaf followed by the intermediates
 * @param anchor the trust anchor the chain leads to, not served
 */
public record ServedChain(List<X509Certificate> certificates, X509Certificate anchor) {

    public ServedChain {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a served chain holds at least the leaf");
        }
    }

    /** The intermediates, without the leaf. */
    public List<X509Certificate> intermediates() {
        return this.certificates.subList(1, this.certificates.size());
    }

    /** The served certificates as PEM, leaf first. */
    public String pem() {
        return Der.pem(this.certificates);
    }
}
