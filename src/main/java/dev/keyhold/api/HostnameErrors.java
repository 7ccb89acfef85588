package dev.keyhold.api;

import dev.keyhold.hostnames.HostnameError;
import dev.keyhold.hostnames.InvalidHostnameRequestException;
import java.util.List;

/**
 * Cloudflare's documented errors of the custom hostname API (status-code page, cloudflare-api-notes §6.3) that are
 * not about the uploaded certificate (those come from {@link CertificateErrors} with the hostnames family); the words
 * of request errors live in {@link HostnameError}.
 */
final class HostnameErrors {

    static final String CHECK = " Check your input and try again.";

    static final ApiError BAD_JSON = new ApiError(1400, "Unable to decode the JSON request body." + CHECK);

    static final ApiError DUPLICATE = api(HostnameError.DUPLICATE);

    static final ApiError HOSTNAME_CHANGE = api(HostnameError.HOSTNAME_CHANGE);

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
        return api(HostnameError.of(ex));
    }

    private static ApiError api(HostnameError error) {
        return new ApiError(error.code(), error.message());
    }
}
