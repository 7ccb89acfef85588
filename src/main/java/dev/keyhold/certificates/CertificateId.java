package dev.keyhold.certificates;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies a custom certificate: a lower-case UUID, as Cloudflare's real ids are (SDK examples such as
 * {@code 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60}), although the published contract types the path parameter with the
 * shared 32-character identifier (cloudflare-api-notes §1).
 */
public record CertificateId(String value) {

    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public CertificateId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidCertificateIdException();
        }
    }

    /** Parses an id from a request, accepting upper-case hex; throws {@link InvalidCertificateIdException}. */
    public static CertificateId parse(String text) {
        if (text == null) {
            throw new InvalidCertificateIdException();
        }
        return new CertificateId(text.trim().toLowerCase(Locale.ROOT));
    }

    static CertificateId random() {
        return new CertificateId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
