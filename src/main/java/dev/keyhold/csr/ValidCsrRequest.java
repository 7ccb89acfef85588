package dev.keyhold.csr;

import dev.keyhold.dns.DnsName;
import dev.keyhold.keys.KeyType;
import java.util.List;

/**
 * A custom CSR request that satisfies every rule: trimmed subject fields, an upper-case ISO country code, SANs
 * normalised to lower case without duplicates. Only {@link CsrRules} creates one.
 */
public record ValidCsrRequest(
        String country,
        String state,
        String locality,
        String organization,
        String organizationalUnit,
        String commonName,
        List<DnsName> sans,
        KeyType keyType,
        String name,
        String description) {}
