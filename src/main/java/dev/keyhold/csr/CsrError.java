package dev.keyhold.csr;

/**
 * The words of Cloudflare's documented custom CSR errors (1400-1420), as the current status-code page words them: the
 * API puts them in its error envelope and the dashboard shows them next to the field at fault, so both say the same.
 *
 * @param code Cloudflare's error code
 * @param message the sentence to show
 */
public record CsrError(int code, String message) {

    public static final String CHECK = " Check your input and try again.";

    public static final CsrError BAD_JSON = new CsrError(1400, "Unable to decode the JSON request body." + CHECK);

    public static final CsrError INVALID_ID = new CsrError(1418, "The custom CSR ID is invalid." + CHECK);

    public static final CsrError NOT_FOUND = new CsrError(1419, "The custom CSR was not found.");

    public static final CsrError NO_QUOTA_ZONE = new CsrError(
            1403,
            "No quota has been allocated for this zone. Ask your Keyhold operator to enable custom CSRs for the account.");

    public static final CsrError NO_QUOTA_ACCOUNT = new CsrError(
            1404,
            "Access to generating account-level CSRs has not been granted for this account. Ask your Keyhold operator to enable account custom CSRs.");

    private static final String SAN_RULES =
            "Invalid subject alternative name(s) (SAN). SANs have to be smaller than 256 "
                    + "characters in length, cannot be IP addresses, cannot contain any special characters such as "
                    + "~`!@#$%^&*()=+{}[]|\\;:'\",<>/? and cannot begin or end with a '-' character.";

    /** Why a CSR cannot be deleted while a certificate or custom hostname uses its key (409 in the API). */
    public static CsrError inUse(CsrInUseException ex) {
        String users = ex.users().isEmpty() ? "" : " It is used by " + String.join(", ", ex.users()) + ".";
        return new CsrError(
                1420,
                "The custom CSR is in use and cannot be deleted." + users
                        + " Delete the certificates that use its key first.");
    }

    /** The error for a refused request; the field at fault is {@link InvalidCsrRequestException#pointer()}. */
    public static CsrError of(InvalidCsrRequestException ex) {
        CsrRule rule = ex.rule();
        String d = ex.detail();
        return switch (rule) {
            case COUNTRY_REQUIRED -> new CsrError(1405, "Country field is required." + CHECK);
            case COUNTRY_INVALID ->
                new CsrError(
                        1405,
                        "Country must be a two-letter ISO 3166-1 alpha-2 code such as US" + quoted(d) + "." + CHECK);
            case STATE_REQUIRED -> new CsrError(1406, "State field is required." + CHECK);
            case LOCALITY_REQUIRED -> new CsrError(1407, "Locality field is required." + CHECK);
            case ORGANIZATION_REQUIRED -> new CsrError(1408, "Organization field is required." + CHECK);
            case COMMON_NAME_REQUIRED -> new CsrError(1409, "Common Name field is required." + CHECK);
            case COMMON_NAME_TOO_LONG ->
                new CsrError(
                        1410,
                        "The specified Common Name is too long. Maximum allowed length is " + d + " characters."
                                + CHECK);
            case FIELD_TOO_LONG ->
                new CsrError(
                        1400,
                        "The field " + field(ex) + " is too long. Maximum allowed length is " + d + " characters."
                                + CHECK);
            case FIELD_INVALID_CHARACTERS ->
                new CsrError(1400, "The field " + field(ex) + " contains control characters." + CHECK);
            case SANS_REQUIRED ->
                new CsrError(1411, "At least one subject alternative name (SAN) is required." + CHECK);
            case TOO_MANY_SANS ->
                new CsrError(
                        1412,
                        "Invalid subject alternative name(s) (SAN). A CSR can carry at most " + d + " SANs." + CHECK);
            case SAN_INVALID -> new CsrError(1412, SAN_RULES + offending(d) + CHECK);
            case SAN_NON_ASCII ->
                new CsrError(
                        1413,
                        "Subject Alternative Names (SANs) with non-ASCII characters are not supported." + offending(d)
                                + CHECK);
            case SAN_RESERVED_TLD ->
                new CsrError(
                        1414,
                        "Reserved top domain subject alternative names (SAN), such as "
                                + "'test', 'example', 'invalid' or 'localhost', is not supported."
                                + offending(d) + CHECK);
            case SAN_PUBLIC_SUFFIX ->
                new CsrError(1415, "Unable to parse subject alternative name(s) (SAN) - " + d + "." + CHECK);
            case SAN_EXAMPLE_DOMAIN ->
                new CsrError(
                        1416,
                        "Subject Alternative Names (SANs) ending in example.com, "
                                + "example.net, or example.org are prohibited." + offending(d) + CHECK);
            case KEY_TYPE_INVALID ->
                new CsrError(1417, "Invalid key type. Only 'rsa2048' or 'p256v1' is accepted." + CHECK);
        };
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
