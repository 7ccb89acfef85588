package dev.keyhold.expiry;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a webhook destination: a lower-case UUID, as Cloudflare's webhook ids. */
public record WebhookId(String value) {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public WebhookId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a webhook id is a lower-case UUID");
        }
    }

    /** Whether the text has the form of a webhook id. */
    public static boolean isWellFormed(String text) {
        return text != null && UUID_FORM.matcher(text).matches();
    }

    static WebhookId random() {
        return new WebhookId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
