package dev.keyhold.api;

/** Thrown by the API layer for a request body it refuses before any feature sees it; carries the exact error. */
class InvalidRequestException extends RuntimeException {

    private final ApiError error;

    InvalidRequestException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    ApiError error() {
        return this.error;
    }
}
