package dev.keyhold.certificates;

/** Thrown when the zone holds no custom certificate with the id (never existed, deleted, or another zone's). */
public class CertificateNotFoundException extends RuntimeException {

    public CertificateNotFoundException(CertificateId id) {
        super("no custom certificate " + id.value() + " in this zone");
    }
}
