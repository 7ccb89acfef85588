package dev.keyhold.api;

import dev.keyhold.dns.NameViolation;
import dev.keyhold.hostnames.InvalidHostnameRequestException;
import java.util.List;

/**
 * Cloudflare's documented errors of the custom hostname API (status-code page, cloudflare-api-notes §6.3) that are
 * not about the uploaded certificate; those come from {@link CertificateErrors} with the hostnames family.
 */
final class HostnameErrors {

    static final String CHECK = " Check your input and try again.";

    static final ApiError BAD_JSON = new ApiError(1400, "Unable to decode the JSON request body." + CHECK);

    static final ApiError DUPLICATE = new ApiError(1406, "Duplicate custom hostname found.");

    static final ApiError HOSTNAME_CHANGE = new ApiError(
            1439, "Modifying the custom hostname is not supported. Delete it and create the new hostname instead.");

    static final ApiError INVALID_ID = new ApiError(1435, "The custom hostname ID is invalid." + CHECK);

    /**
     * Keyhold's own code for an upload warning in {@code messages}: Cloudflare documents none, and {@code messages}
     * items need a code of at least 1000. 1450 is the first code after the documented 14xx hostname range.
     */
    static final int WARNING = 1450;

    private HostnameErrors() {}

    static ApiError warning(String text) {
        return new ApiError(WARNING, text);
    }

    static ApiError idWithOtherFilters(List<String> others) {
        return new ApiError(
                1438,
                "The id filter cannot be combined with other filters (" + String.join(", ", others) + ")."
                        + " Send id alone, or the other filters without id.");
    }

    static ApiError invalidHostnameFilter(String detail) {
        return new ApiError(1437, "Invalid hostname filter: " + detail + "." + CHECK);
    }

    static ApiError of(InvalidHostnameRequestException ex) {
        String d = " " + ex.detail() + ".";
        NameViolation violation = ex.violation().orElse(NameViolation.SYNTAX);
        return switch (ex.reason()) {
            case HOSTNAME -> hostname(violation, 0, "custom hostname", d);
            // NOTE: custom_origin_server errors are the hostname ones shifted by 8 (1415-1419 for 1407-1411)
            case CUSTOM_ORIGIN_SERVER -> hostname(violation, 8, "custom origin server", d);
            // NOTE: Cloudflare documents no code for the origin SNI; 1415 is its "invalid custom origin" code
            case CUSTOM_ORIGIN_SNI -> new ApiError(1415, "Invalid custom origin SNI." + d);
            case CUSTOM_METADATA -> new ApiError(1401, "The custom metadata is not JSON-encodable." + d);
            case CUSTOM_METADATA_ON_WILDCARD ->
                new ApiError(1412, "Custom metadata is not supported on wildcard hostnames." + d);
            case SSL_METHOD ->
                new ApiError(1432, "The validation method is not supported; use http, email or txt." + d);
            case SSL_TYPE -> new ApiError(1433, "The validation type is not supported; only dv is." + d);
            case SSL_BUNDLE_METHOD -> new ApiError(1449, "The bundle_method must be ubiquitous, optimal or force." + d);
            case SSL_HTTP2 -> new ApiError(1422, "Invalid http2 setting." + d);
            case SSL_TLS_1_3 -> new ApiError(1424, "Invalid tls_1_3 setting." + d);
            case SSL_MIN_TLS_VERSION -> new ApiError(1425, "Invalid min_tls_version setting." + d);
            case SSL_CIPHERS -> new ApiError(1442, "Invalid ciphers setting." + d);
            case SSL_CIPHERS_WITH_TLS_1_3 ->
                new ApiError(1443, "Ciphers cannot be set when the minimum TLS version is 1.3." + d);
            case SSL_WILDCARD ->
                new ApiError(1448, "Wildcard is not supported for certificates managed by Keyhold." + d);
            case SSL_ATTRIBUTE -> new ApiError(1434, "The SSL attribute is invalid." + d);
        };
    }

    private static ApiError hostname(NameViolation violation, int shift, String what, String d) {
        return switch (violation) {
            case SYNTAX ->
                new ApiError(
                        1407 + shift,
                        "Invalid " + what + ". It must be shorter than 256 characters, cannot be an IP address and "
                                + "cannot contain special characters." + d);
            case NON_ASCII ->
                new ApiError(
                        1408 + shift,
                        "The " + what + " contains non-ASCII characters; send its punycode (xn--) form." + d);
            case RESERVED_TLD ->
                new ApiError(1409 + shift, "The " + what + " ends in a reserved top-level domain." + d);
            case PUBLIC_SUFFIX -> new ApiError(1410 + shift, "Unable to parse the " + what + "." + d);
            case EXAMPLE_DOMAIN ->
                new ApiError(
                        1411 + shift,
                        "A " + what + " ending in example.com, example.net or example.org is prohibited." + d);
        };
    }
}
