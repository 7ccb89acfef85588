package dev.keyhold.api;

import org.springframework.util.unit.DataSize;

/**
 * Thrown when a request body is larger than {@code keyhold.api.max-body-size}: at once when its Content-Length says so,
 * or while it is read when it comes chunked. Answered with 413.
 */
class RequestBodyTooLargeException extends RuntimeException {

    RequestBodyTooLargeException(DataSize limit, long length) {
        super("The request body is "
                + (length < 0 ? "larger than " + limit.toBytes() : String.valueOf(length))
                + " bytes; at most " + limit.toBytes() + " bytes (keyhold.api.max-body-size) are accepted."
                + " Send the certificate with its intermediates only, not a whole bundle of certificates.");
    }
}
