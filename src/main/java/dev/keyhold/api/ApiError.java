package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of the envelope's {@code errors} or {@code messages}: a Cloudflare code (at least 1000) and its message,
 * with the optional {@code error_chain} real Cloudflare responses carry for header errors.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int code, String message, @JsonProperty("error_chain") List<ApiError> errorChain) {

    public ApiError(int code, String message) {
        this(code, message, List.of());
    }
}
