package dev.keyhold.certificates;

import dev.keyhold.dns.DnsName;
import java.security.PublicKey;
import java.util.Objects;

/**
 * What an upload must be checked against: the PEM text, the key the leaf must carry, the bundle method, and the zone
 * its names must reach (custom certificates) or the hostname it must cover (custom hostnames). Build one with
 * {@link #forZone} or {@link #forHostname}.
 *
 * @param pem the uploaded text: the leaf, optionally with intermediates, in any order
 * @param expectedKey the CSR's public key, or the public half of the uploaded private key
 * @param bundleMethod how to choose the served chain
 * @param zone the zone at least one SAN must lie in, or null not to check
 * @param hostname the custom hostname a SAN must cover, or null not to check
 */
public record CertificateUpload(
        String pem, PublicKey expectedKey, BundleMethod bundleMethod, DnsName zone, DnsName hostname) {

    public CertificateUpload {
        Objects.requireNonNull(expectedKey, "expectedKey");
        Objects.requireNonNull(bundleMethod, "bundleMethod");
    }

    /** A custom certificate for a zone. */
    public static CertificateUpload forZone(String pem, PublicKey expectedKey, BundleMethod method, DnsName zone) {
        return new CertificateUpload(pem, expectedKey, method, Objects.requireNonNull(zone, "zone"), null);
    }

    /** A custom hostname's certificate. */
    public static CertificateUpload forHostname(
            String pem, PublicKey expectedKey, BundleMethod method, DnsName hostname) {
        return new CertificateUpload(pem, expectedKey, method, null, Objects.requireNonNull(hostname, "hostname"));
    }
}
