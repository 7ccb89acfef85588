package dev.keyhold.hostnames;

/**
 * A request to create a custom hostname, as sent; {@link CustomHostnames#create} checks it.
 *
 * @param hostname the customer's hostname
 * @param ssl the SSL request, or null for none
 * @param customMetadata parsed JSON; must be an object of strings
 * @param customOriginServer a hostname to use as origin instead of the zone's fallback origin
 * @param customOriginSni the SNI to send to the origin
 */
public record HostnameRequest(
        String hostname, SslRequest ssl, Object customMetadata, String customOriginServer, String customOriginSni) {}
