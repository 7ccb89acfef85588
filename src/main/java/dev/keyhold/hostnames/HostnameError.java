package dev.keyhold.hostnames;

import dev.keyhold.dns.NameViolation;

/**
 * The words of Cloudflare's documented custom hostname errors (status-code page, cloudflare-api-notes §6.3) that are
 * not about the uploaded certificate, shared by the API's error envelope and the dashboard's forms.
 *
 * @param code Cloudflare's error code
 * @param message the sentence to show
 */
public record HostnameError(int code, String message) {

    public static final HostnameError DUPLICATE = new HostnameError(1406, "Duplicate custom hostname found.");

    public static final HostnameError HOSTNAME_CHANGE = new HostnameError(
            1439, "Modifying the custom hostname is not supported. Delete it and create the new hostname instead.");

    public static HostnameError of(InvalidHostnameRequestException ex) {
        String d = " " + ex.detail() + ".";
        NameViolation violation = ex.violation().orElse(NameViolation.SYNTAX);
        return switch (ex.reason()) {
            case HOSTNAME -> hostname(violation, 0, "custom hostname", d);
            // NOTE: custom_origin_server errors are the hostname ones shifted by 8 (1415-1419 for 1407-1411)
            case CUSTOM_ORIGIN_SERVER -> hostname(violation, 8, "custom origin server", d);
            // NOTE: Cloudflare documents no code for the origin SNI; 1415 is its "invalid custom origin" code
            case CUSTOM_ORIGIN_SNI -> new HostnameError(1415, "Invalid custom origin SNI." + d);
            case CUSTOM_METADATA -> new HostnameError(1401, "The custom metadata is not JSON-encodable." + d);
            case CUSTOM_METADATA_ON_WILDCARD ->
                new HostnameError(1412, "Custom metadata is not supported on wildcard hostnames." + d);
            case SSL_METHOD ->
                new HostnameError(1432, "The validation method is not supported; use http, email or txt." + d);
            case SSL_TYPE -> new HostnameError(1433, "The validation type is not supported; only dv is." + d);
            case SSL_BUNDLE_METHOD ->
                new HostnameError(1449, "The bundle_method must be ubiquitous, optimal or force." + d);
            case SSL_HTTP2 -> new HostnameError(1422, "Invalid http2 setting." + d);
            case SSL_TLS_1_3 -> new HostnameError(1424, "Invalid tls_1_3 setting." + d);
            case SSL_MIN_TLS_VERSION -> new HostnameError(1425, "Invalid min_tls_version setting." + d);
            case SSL_CIPHERS -> new HostnameError(1442, "Invalid ciphers setting." + d);
            case SSL_CIPHERS_WITH_TLS_1_3 ->
                new HostnameError(1443, "Ciphers cannot be set when the minimum TLS version is 1.3." + d);
            case SSL_WILDCARD ->
                new HostnameError(1448, "Wildcard is not supported for certificates managed by Keyhold." + d);
            case SSL_ATTRIBUTE -> new HostnameError(1434, "The SSL attribute is invalid." + d);
        };
    }

    private static HostnameError hostname(NameViolation violation, int shift, String what, String d) {
        return switch (violation) {
            case SYNTAX ->
                new HostnameError(
                        1407 + shift,
                        "Invalid " + what + ". It must be shorter than 256 characters, cannot be an IP address and "
                                + "cannot contain special characters." + d);
            case NON_ASCII ->
                new HostnameError(
                        1408 + shift,
                        "The " + what + " contains non-ASCII characters; send its punycode (xn--) form." + d);
            case RESERVED_TLD ->
                new HostnameError(1409 + shift, "The " + what + " ends in a reserved top-level domain." + d);
            case PUBLIC_SUFFIX -> new HostnameError(1410 + shift, "Unable to parse the " + what + "." + d);
            case EXAMPLE_DOMAIN ->
                new HostnameError(
                        1411 + shift,
                        "A " + what + " ending in example.com, example.net or example.org is prohibited." + d);
        };
    }
}
