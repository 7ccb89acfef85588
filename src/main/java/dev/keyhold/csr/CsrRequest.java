package dev.keyhold.csr;

import java.util.List;

/**
 * A custom CSR request as received: any field may be missing or wrong. {@link CsrRules#validate} turns it into a
 * {@link ValidCsrRequest} or refuses it with the rule it breaks.
 */
public record CsrRequest(
        String country,
        String state,
        String locality,
        String organization,
        String organizationalUnit,
        String commonName,
        List<String> sans,
        String keyType,
        String name,
        String description) {}
