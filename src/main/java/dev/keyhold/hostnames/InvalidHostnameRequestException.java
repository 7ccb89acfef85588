package dev.keyhold.hostnames;

import dev.keyhold.dns.NameViolation;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when a custom hostname request breaks a rule; carries the {@link Reason}, the name rule broken where the
 * reason is a name, and a detail safe to show (what was wrong and what to do). The API layer picks the code.
 */
public class InvalidHostnameRequestException extends RuntimeException {

    /** What is wrong with the request. */
    public enum Reason {
        /** {@code hostname} is missing or breaks a naming rule ({@link #violation()} says which). */
        HOSTNAME,
        /** {@code custom_origin_server} breaks a naming rule ({@link #violation()} says which). */
        CUSTOM_ORIGIN_SERVER,
        /** {@code custom_origin_sni} is neither a host name nor {@code :request_host_header:}. */
        CUSTOM_ORIGIN_SNI,
        /** {@code custom_metadata} is not an object of strings. */
        CUSTOM_METADATA,
        /** {@code custom_metadata} on a wildcard hostname. */
        CUSTOM_METADATA_ON_WILDCARD,
        /** {@code ssl.method} is not http, txt or email. */
        SSL_METHOD,
        /** {@code ssl.type} is not dv. */
        SSL_TYPE,
        /** {@code ssl.bundle_method} is not ubiquitous, optimal or force. */
        SSL_BUNDLE_METHOD,
        /** {@code ssl.settings.http2} is not on or off. */
        SSL_HTTP2,
        /** {@code ssl.settings.tls_1_3} is not on or off. */
        SSL_TLS_1_3,
        /** {@code ssl.settings.min_tls_version} is not 1.0, 1.1, 1.2 or 1.3. */
        SSL_MIN_TLS_VERSION,
        /** {@code ssl.settings.ciphers} is not a list of distinct cipher names. */
        SSL_CIPHERS,
        /** {@code ssl.settings.ciphers} together with a minimum TLS version of 1.3. */
        SSL_CIPHERS_WITH_TLS_1_3,
        /** {@code ssl.wildcard} without a certificate: Keyhold issues none. */
        SSL_WILDCARD,
        /** Any other attribute of {@code ssl}: an unknown setting, a key without a certificate, a key and a CSR. */
        SSL_ATTRIBUTE
    }

    private final Reason reason;

    private final NameViolation violation;

    private final String detail;

    public InvalidHostnameRequestException(Reason reason, String detail) {
        this(reason, null, detail);
    }

    public InvalidHostnameRequestException(Reason reason, NameViolation violation, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.violation = violation;
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public Reason reason() {
        return this.reason;
    }

    /** The naming rule broken, for {@link Reason#HOSTNAME} and {@link Reason#CUSTOM_ORIGIN_SERVER}. */
    public Optional<NameViolation> violation() {
        return Optional.ofNullable(this.violation);
    }

    public String detail() {
        return this.detail;
    }
}
