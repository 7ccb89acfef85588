package dev.keyhold.expiry;

/** Thrown for a webhook request that breaks a rule; the message names the field and says what to send. */
public class InvalidWebhookException extends RuntimeException {

    private final String field;

    InvalidWebhookException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault: {@code name}, {@code url} or {@code secret}. */
    public String field() {
        return this.field;
    }
}
