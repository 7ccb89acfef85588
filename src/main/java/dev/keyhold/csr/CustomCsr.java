package dev.keyhold.csr;

import dev.keyhold.keys.KeyId;
import java.time.Instant;
import java.util.List;

/** A stored custom CSR: its subject, SANs, the PEM, and the id of the key that signed it (never the key). */
public record CustomCsr(
        CsrId id,
        CsrScope scope,
        KeyId keyId,
        String name,
        String description,
        String country,
        String state,
        String locality,
        String organization,
        String organizationalUnit,
        String commonName,
        List<String> sans,
        String keyType,
        String pem,
        Instant createdAt) {}
