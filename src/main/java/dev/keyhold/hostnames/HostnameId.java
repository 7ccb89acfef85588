package dev.keyhold.hostnames;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a custom hostname (or its SSL object): a lower-case UUID, as Cloudflare's. */
public record HostnameId(String value) {

    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public HostnameId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidHostnameIdException();
        }
    }

    /** Parses an id from a request, accepting upper-case hex. */
    public static HostnameId parse(String text) {
        if (text == null) {
            throw new InvalidHostnameIdException();
        }
        return new HostnameId(text.trim().toLowerCase(Locale.ROOT));
    }

    static HostnameId random() {
        return new HostnameId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
