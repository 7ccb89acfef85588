package dev.keyhold.hostnames;

/**
 * A PATCH of a custom hostname; a null member leaves that part unchanged. A new {@code ssl.custom_certificate} for
 * the same key (the same CSR, the stored uploaded key, or a new {@code custom_key}) renews the certificate in place.
 *
 * @param hostname the hostname, if the caller sent one: it cannot change, so only the current name is accepted
 */
public record HostnameUpdate(
        String hostname, SslRequest ssl, Object customMetadata, String customOriginServer, String customOriginSni) {}
