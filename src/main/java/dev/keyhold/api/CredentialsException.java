package dev.keyhold.api;

import java.util.List;

/**
 * Thrown when authentication headers are missing or malformed, before any lookup: Cloudflare answers 400 with 9106
 * (missing) or 6003 and an {@code error_chain} naming the bad header (6102, 6103, 6111).
 */
public class CredentialsException extends RuntimeException {

    private final ApiError error;

    private CredentialsException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public ApiError error() {
        return this.error;
    }

    /** No credentials at all. */
    public static CredentialsException missing() {
        return new CredentialsException(
                new ApiError(9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers"));
    }

    /** A header is present but malformed: 6003 with the header's own code in the chain. */
    public static CredentialsException malformed(int headerCode, String headerMessage) {
        return new CredentialsException(
                new ApiError(6003, "Invalid request headers", List.of(new ApiError(headerCode, headerMessage))));
    }
}
