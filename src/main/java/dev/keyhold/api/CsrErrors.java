package dev.keyhold.api;

import dev.keyhold.csr.CsrRule;
import dev.keyhold.csr.InvalidCsrRequestException;

/**
 * Cloudflare's documented custom CSR errors (1400-1420), worded as the current status-code page words them.
 */
final class CsrErrors {

    static final String CHECK = " Check your input and try again.";

    static final ApiError BAD_JSON = new ApiError(1400, "Unable to decode the JSON request body." + CHECK);

    static final ApiError INVALID_ID = new ApiError(1418, "The custom CSR ID is invalid." + CHECK);

    static final ApiError NOT_FOUND = new ApiError(1419, "The custom CSR was not found.");

    static final ApiError NO_QUOTA_ZONE = new ApiError(
            1403,
            "No quota has been allocated for this zone. Ask your Keyhold operator to enable custom CSRs for the account.");

    static final ApiError NO_QUOTA_ACCOUNT = new ApiError(
            1404,
            "Access to generating account-level CSRs has not been granted for this account. Ask your Keyhold operator to enable account custom CSRs.");

    private static final String SAN_RULES =
            "Invalid subject alternative name(s) (SAN). SANs have to be smaller than 256 "
                    + "characters in length, cannot be IP addresses, cannot contain any special characters such as "
                    + "~`!@#$%^&*()=+{}[]|\\;:'\",<>/? and cannot begin or end with a '-' character.";

    private CsrErrors() {}

    static ApiError of(InvalidCsrRequestException ex) {
        CsrRule rule = ex.rule();
        String d = ex.detail();
        ApiError error =
                switch (rule) {
                    case COUNTRY_REQUIRED -> new ApiError(1405, "Country field is required." + CHECK);
                    case COUNTRY_INVALID ->
                        new ApiError(
                                1405,
                                "Country must be a two-letter ISO 3166-1 alpha-2 code such as US" + quoted(d) + "."
                                        + CHECK);
                    case STATE_REQUIRED -> new ApiError(1406, "State field is required." + CHECK);
                    case LOCALITY_REQUIRED -> new ApiError(1407, "Locality field is required." + CHECK);
                    case ORGANIZATION_REQUIRED -> new ApiError(1408, "Organization field is required." + CHECK);
                    case COMMON_NAME_REQUIRED -> new ApiError(1409, "Common Name field is required." + CHECK);
                    case COMMON_NAME_TOO_LONG ->
                        new ApiError(
                                1410,
                                "The specified Common Name is too long. Maximum allowed length is " + d + " characters."
                                        + CHECK);
                    case FIELD_TOO_LONG ->
                        new ApiError(
                                1400,
                                "The field " + field(ex) + " is too long. Maximum allowed length is " + d
                                        + " characters." + CHECK);
                    case FIELD_INVALID_CHARACTERS ->
                        new ApiError(1400, "The field " + field(ex) + " contains control characters." + CHECK);
                    case SANS_REQUIRED ->
                        new ApiError(1411, "At least one subject alternative name (SAN) is required." + CHECK);
                    case TOO_MANY_SANS ->
                        new ApiError(
                                1412,
                                "Invalid subject alternative name(s) (SAN). A CSR can carry at most " + d + " SANs."
                                        + CHECK);
                    case SAN_INVALID -> new ApiError(1412, SAN_RULES + offending(d) + CHECK);
                    case SAN_NON_ASCII ->
                        new ApiError(
                                1413,
                                "Subject Alternative Names (SANs) with non-ASCII characters are not supported."
                                        + offending(d) + CHECK);
                    case SAN_RESERVED_TLD ->
                        new ApiError(
                                1414,
                                "Reserved top domain subject alternative names (SAN), such as "
                                        + "'test', 'example', 'invalid' or 'localhost', is not supported."
                                        + offending(d) + CHECK);
                    case SAN_PUBLIC_SUFFIX ->
                        new ApiError(1415, "Unable to parse subject alternative name(s) (SAN) - " + d + "." + CHECK);
                    case SAN_EXAMPLE_DOMAIN ->
                        new ApiError(
                                1416,
                                "Subject Alternative Names (SANs) ending in example.com, "
                                        + "example.net, or example.org are prohibited." + offending(d) + CHECK);
                    case KEY_TYPE_INVALID ->
                        new ApiError(1417, "Invalid key type. Only 'rsa2048' or 'p256v1' is accepted." + CHECK);
                };
        return ex.pointer() == null ? error : error.at(ex.pointer());
    }

    private static String field(InvalidCsrRequestException ex) {
        String p = ex.pointer() == null ? "" : ex.pointer();
        return p.startsWith("/") ? p.substring(1) : p;
    }

    private static String offending(String value) {
        return value == null ? "" : " Offending SAN: \"" + value + "\".";
    }

    private static String quoted(String value) {
        return value == null ? "" : " (got \"" + value + "\")";
    }
}
