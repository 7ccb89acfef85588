package dev.keyhold.certificates;

import dev.keyhold.tenancy.HexIdentifier;
import java.util.Locale;
import java.util.Objects;

/**
 * Identifies a custom certificate: 32 lowercase hex characters, the form the published contract gives
 * {@code custom_certificate_id} (maxLength 32, example {@code 023e105f4ecef8ad9ca31a8372d0c353}).
 */
public record CertificateId(String value) {

    public CertificateId {
        Objects.requireNonNull(value, "value");
        if (!HexIdentifier.isWellFormed(value)) {
            throw new InvalidCertificateIdException();
        }
    }

    /** Parses an id from a request, accepting upper case hex; throws {@link InvalidCertificateIdException}. */
    public static CertificateId parse(String text) {
        if (text == null) {
            throw new InvalidCertificateIdException();
        }
        return new CertificateId(text.trim().toLowerCase(Locale.ROOT));
    }

    static CertificateId random() {
        return new CertificateId(HexIdentifier.random());
    }

    @Override
    public String toString() {
        return this.value;
    }
}
