package dev.keyhold.certificates;

import dev.keyhold.dns.DnsName;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate that passed every upload check, with the facts the API reports and the chain to store and serve. The
 * caller still refuses a {@link CertificateRule#DUPLICATE} by comparing {@link #fingerprint()} with stored ones.
 *
 * @param hosts the leaf's subjectAltName dNSNames, lower-cased, in certificate order (Cloudflare's {@code hosts})
 * @param issuer the issuer's organization, else its common name, else its whole name ({@code issuer})
 * @param serialNumber the leaf's serial number ({@link #serialNumberHex()} for {@code serial_number})
 * @param signature the leaf's signature algorithm, Cloudflare style: {@code SHA256WithRSA}, {@code ECDSAWithSHA256}
 * @param notBefore the start of the leaf's validity
 * @param expiresOn the leaf's notAfter ({@code expires_on})
 * @param keyType {@code rsa2048}, {@code rsa3072}, {@code rsa4096}, {@code p256v1} or {@code p384}
 * @param keyFingerprint SHA-256 of the leaf's SubjectPublicKeyInfo DER
 * @param fingerprint SHA-256 of the leaf's DER, 64 lower-case hex digits, for duplicate detection
 * @param bundleMethod the method the served chain was chosen by
 * @param leafPem the leaf alone, PEM
 * @param servedChainPem the leaf and the chosen intermediates, PEM, leaf first, never the root
 * @param servedIntermediates the chosen intermediates of the served chain, as parsed for it
 * @param warnings what the uploader should know but that does not block the upload, as sentences
 */
public record ValidatedCertificate(
        List<String> hosts,
        String issuer,
        BigInteger serialNumber,
        String signature,
        Instant notBefore,
        Instant expiresOn,
        String keyType,
        KeyFingerprint keyFingerprint,
        String fingerprint,
        BundleMethod bundleMethod,
        String leafPem,
        String servedChainPem,
        List<X509Certificate> servedIntermediates,
        List<String> warnings) {

    public ValidatedCertificate {
        hosts = List.copyOf(hosts);
        servedIntermediates = List.copyOf(servedIntermediates);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(serialNumber, "serialNumber");
    }

    /** The serial number in lower-case hex, without leading zeros. */
    public String serialNumberHex() {
        return this.serialNumber.toString(16);
    }

    /** Whether at least one of the hosts lies in the zone (the zone itself or a name under it). */
    public boolean coversZone(DnsName zone) {
        return SubjectNames.names(this.hosts).stream().anyMatch(n -> n.isWithin(zone));
    }

    /** Whether one of the hosts covers the hostname, wildcards by RFC 6125 ({@link DnsName#covers}). */
    public boolean covers(DnsName hostname) {
        return SubjectNames.names(this.hosts).stream().anyMatch(n -> n.covers(hostname));
    }
}
