package dev.keyhold.csr;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies a custom CSR: a lowercase UUID, as Cloudflare's ({@code 7b163417-1d2b-4c84-a38a-2fb7a0cd7752}). */
public record CsrId(String value) {

    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public CsrId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidCsrIdException();
        }
    }

    /** Parses a CSR id from a request, accepting upper case hex. */
    public static CsrId parse(String text) {
        if (text == null) {
            throw new InvalidCsrIdException();
        }
        return new CsrId(text.trim().toLowerCase(Locale.ROOT));
    }

    static CsrId random() {
        return new CsrId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
