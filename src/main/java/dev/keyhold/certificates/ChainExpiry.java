package dev.keyhold.certificates;

import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a stored certificate stops being servable: the earliest notAfter over its served chain (the leaf and the
 * intermediates served with it, never the anchor), and which certificate of the chain has it. An intermediate that
 * expires before the leaf decides. The certificate is a custom certificate or a custom hostname's ({@link Owner}).
 *
 * @param expiresOn the earliest notAfter of the served chain
 * @param element whether {@code expiresOn} is the leaf's or an intermediate's
 * @param subject the subject (RFC 2253) of the certificate that expires at {@code expiresOn}
 */
public record ChainExpiry(Owner owner, Instant expiresOn, Element element, String subject) {

    /**
     * Whose certificate it is.
     *
     * @param certificateId the custom certificate's id, or the custom hostname's {@code ssl.id}
     * @param leafExpiresOn the leaf's own notAfter ({@code expires_on} of the API)
     * @param customHostnameId the custom hostname's id, null for a custom certificate
     * @param hostname the custom hostname, null for a custom certificate
     */
    public record Owner(
            Kind kind,
            CertificateId certificateId,
            ZoneId zoneId,
            AccountId accountId,
            List<String> hosts,
            Instant leafExpiresOn,
            String customHostnameId,
            String hostname) {

        public Owner {
            hosts = List.copyOf(hosts);
        }

        static Owner customCertificate(
                CertificateId id, ZoneId zone, AccountId account, List<String> hosts, Instant leafExpiresOn) {
            return new Owner(Kind.CUSTOM_CERTIFICATE, id, zone, account, hosts, leafExpiresOn, null, null);
        }

        /** A custom hostname's certificate, identified by the hostname's {@code ssl.id}. */
        public static Owner customHostname(
                String sslId,
                ZoneId zone,
                AccountId account,
                List<String> hosts,
                Instant leafExpiresOn,
                String customHostnameId,
                String hostname) {
            return new Owner(
                    Kind.CUSTOM_HOSTNAME,
                    new CertificateId(sslId),
                    zone,
                    account,
                    hosts,
                    leafExpiresOn,
                    customHostnameId,
                    hostname);
        }
    }

    /** Reads the served chain (leaf first) as stored; throws when it no longer parses. */
    public static ChainExpiry of(Owner owner, String servedChainPem) {
        List<X509Certificate> chain =
                CertificateChainParser.certificates(servedChainPem, CertificateChainParser.MAX_CERTIFICATES);
        int first = 0;
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i).getNotAfter().before(chain.get(first).getNotAfter())) {
                first = i;
            }
        }
        X509Certificate expiring = chain.get(first);
        return new ChainExpiry(
                owner,
                expiring.getNotAfter().toInstant(),
                first == 0 ? Element.LEAF : Element.INTERMEDIATE,
                Der.name(expiring));
    }

    public Kind kind() {
        return this.owner.kind();
    }

    public CertificateId certificateId() {
        return this.owner.certificateId();
    }

    public ZoneId zoneId() {
        return this.owner.zoneId();
    }

    public AccountId accountId() {
        return this.owner.accountId();
    }

    public List<String> hosts() {
        return this.owner.hosts();
    }

    public Instant leafExpiresOn() {
        return this.owner.leafExpiresOn();
    }

    /** The time left at {@code now}, negative once expired. */
    public Duration left(Instant now) {
        return Duration.between(now, this.expiresOn);
    }

    /** Which part of the served chain expires first; the leaf wins a tie. */
    public enum Element {
        LEAF("leaf"),
        INTERMEDIATE("intermediate");

        private final String apiName;

        Element(String apiName) {
            this.apiName = apiName;
        }

        /** The lower-case name used in webhook payloads and metric labels. */
        public String apiName() {
            return this.apiName;
        }
    }

    /** Which kind of stored certificate it is. */
    public enum Kind {
        CUSTOM_CERTIFICATE("custom_certificate"),
        CUSTOM_HOSTNAME("custom_hostname");

        private final String apiName;

        Kind(String apiName) {
            this.apiName = apiName;
        }

        /** The lower-case name used in metric labels. */
        public String apiName() {
            return this.apiName;
        }
    }
}
