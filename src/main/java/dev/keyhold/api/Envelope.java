package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Cloudflare v4 response envelope. Every API response, success or failure, is one of these.
 *
 * @param <T> the result type
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Envelope<T>(
        boolean success,
        List<ApiError> errors,
        List<ApiError> messages,
        T result,
        @JsonProperty("result_info") @JsonInclude(JsonInclude.Include.NON_NULL) ResultInfo resultInfo) {

    /** A successful single result. */
    public static <T> Envelope<T> ok(T result) {
        return new Envelope<>(true, List.of(), List.of(), result, null);
    }

    /** A successful single result with informational messages. */
    public static <T> Envelope<T> ok(T result, List<ApiError> messages) {
        return new Envelope<>(true, List.of(), messages, result, null);
    }

    /** A successful page of a list. */
    public static <T> Envelope<List<T>> page(List<T> result, ResultInfo info) {
        return new Envelope<>(true, List.of(), List.of(), result, info);
    }

    /** A failure: {@code result} is always null. */
    public static Envelope<Void> failure(List<ApiError> errors) {
        return new Envelope<>(false, errors, List.of(), null, null);
    }
}
