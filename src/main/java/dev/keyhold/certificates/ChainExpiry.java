package dev.keyhold.certificates;

import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a stored certificate stops being servable: the earliest notAfter over its served chain (the leaf and the
 * intermediates served with it, never the anchor), and which certificate of the chain has it. An intermediate that
 * expires before the leaf decides.
 *
 * @param leafExpiresOn the leaf's own notAfter ({@code expires_on} of the API)
 * @param expiresOn the earliest notAfter of the served chain
 * @param element whether {@code expiresOn} is the leaf's or an intermediate's
 * @param subject the subject (RFC 2253) of the certificate that expires at {@code expiresOn}
 */
public record ChainExpiry(
        CertificateId certificateId,
        ZoneId zoneId,
        AccountId accountId,
        List<String> hosts,
        Instant leafExpiresOn,
        Instant expiresOn,
        Element element,
        String subject) {

    public ChainExpiry {
        hosts = List.copyOf(hosts);
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
}
