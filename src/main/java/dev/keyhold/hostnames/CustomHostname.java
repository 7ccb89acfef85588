package dev.keyhold.hostnames;

import dev.keyhold.tenancy.ZoneId;
import java.time.Instant;
import java.util.Map;

/**
 * A custom hostname of a zone. Its {@link #STATUS} is always {@code pending}: Keyhold performs no live ownership
 * check (no DNS or HTTP lookups), it only hands out the token a customer would publish.
 *
 * @param verificationToken the value of the {@code _cf-custom-hostname} TXT record and of the HTTP challenge body
 * @param ssl the SSL side, or null when the hostname was created without {@code ssl}
 */
public record CustomHostname(
        HostnameId id,
        ZoneId zone,
        String hostname,
        String verificationToken,
        Map<String, String> customMetadata,
        String customOriginServer,
        String customOriginSni,
        Instant createdAt,
        HostnameSsl ssl) {

    /** Cloudflare's hostname {@code status}: ownership is never checked live, so always pending. */
    public static final String STATUS = "pending";

    public CustomHostname {
        customMetadata = customMetadata == null ? null : Map.copyOf(customMetadata);
    }
}
