package dev.keyhold.hostnames;

import dev.keyhold.certificates.ValidatedCertificate;
import java.time.Instant;
import java.util.List;

/** The facts of a custom hostname's uploaded certificate, and the chain served with it. */
public record HostnameCertificate(
        String issuer,
        String serialNumber,
        String signature,
        List<String> hosts,
        Instant notBefore,
        Instant expiresOn,
        String leafPem,
        String chainPem,
        String fingerprint) {

    public HostnameCertificate {
        hosts = List.copyOf(hosts);
    }

    static HostnameCertificate of(ValidatedCertificate c) {
        return new HostnameCertificate(
                c.issuer(),
                c.serialNumberHex(),
                c.signature(),
                c.hosts(),
                c.notBefore(),
                c.expiresOn(),
                c.leafPem(),
                c.servedChainPem(),
                c.fingerprint());
    }
}
