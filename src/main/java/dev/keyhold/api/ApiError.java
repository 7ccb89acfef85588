package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of the envelope's {@code errors} or {@code messages}: a Cloudflare code (at least 1000) and its message,
 * optionally the JSON pointer of the offending input, and the {@code error_chain} Cloudflare uses for header errors.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(
        int code, String message, Source source, @JsonProperty("error_chain") List<ApiError> errorChain) {

    public ApiError(int code, String message) {
        this(code, message, null, List.of());
    }

    public ApiError(int code, String message, List<ApiError> errorChain) {
        this(code, message, null, errorChain);
    }

    /** This error, pointing at the offending part of the request body. */
    public ApiError at(String pointer) {
        return new ApiError(this.code, this.message, new Source(pointer), this.errorChain);
    }

    /** Where in the request the error is: a JSON pointer such as {@code /sans/2}. */
    public record Source(String pointer) {}
}
