package dev.keyhold.expiry;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A webhook to create or replace, as Cloudflare's {@code {name, url, secret}}; {@link #validate(boolean)} turns it
 * into a {@link Valid} one or throws {@link InvalidWebhookException} naming the field.
 *
 * @param secret the HMAC signing secret; on an update, null keeps the current one
 */
public record WebhookRequest(String name, String url, String secret) {

    static final int MIN_SECRET = 16;

    /** A request that passed every rule. */
    record Valid(String name, URI url, String secret) {}

    /** Checks the request; a create needs a secret, an update may leave it out. */
    Valid validate(boolean secretRequired) {
        if (this.name == null || this.name.isBlank()) {
            throw new InvalidWebhookException("name", "name is required: give the webhook destination a name");
        }
        if (this.name.length() > 255) {
            throw new InvalidWebhookException("name", "name is too long: use at most 255 characters");
        }
        URI uri = url(this.url);
        if (this.secret == null) {
            if (secretRequired) {
                throw new InvalidWebhookException(
                        "secret",
                        "secret is required: Keyhold signs every delivery with HMAC-SHA256 under it (at least "
                                + MIN_SECRET + " characters)");
            }
        } else if (this.secret.length() < MIN_SECRET || this.secret.length() > 1024) {
            throw new InvalidWebhookException(
                    "secret", "secret must have between " + MIN_SECRET + " and 1024 characters");
        }
        return new Valid(this.name.strip(), uri, this.secret);
    }

    private static URI url(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidWebhookException("url", "url is required: the http(s) URL Keyhold POSTs alerts to");
        }
        if (text.length() > 2048) {
            throw new InvalidWebhookException("url", "url is too long: use at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException ex) {
            throw new InvalidWebhookException("url", "url is not a valid URL: " + ex.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidWebhookException(
                    "url",
                    "url must be an http or https URL, not "
                            + (scheme.isEmpty() ? "a relative one" : "'" + scheme + ":'")
                            + ", e.g. https://alerts.example.com/keyhold");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidWebhookException(
                    "url", "url has no host: write it like https://alerts.example.com/keyhold");
        }
        if (uri.getRawUserInfo() != null) {
            // NOTE: the URL is shown in API responses; credentials belong in the secret
            throw new InvalidWebhookException(
                    "url", "url must not carry a user name or password: the API shows the URL; use the secret");
        }
        return uri;
    }
}
