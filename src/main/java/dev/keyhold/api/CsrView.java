package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.csr.CustomCsr;
import java.time.Instant;
import java.util.List;

/**
 * A custom CSR on the wire: Cloudflare's {@code custom_csr} at zone scope, and {@code custom_csr-2} (which adds
 * {@code account_tag}, {@code name}, {@code description}) at account scope. Absent optional fields are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CsrView(
        String id,
        @JsonProperty("account_tag") String accountTag,
        String name,
        String description,
        String country,
        String state,
        String locality,
        String organization,
        @JsonProperty("organizational_unit") String organizationalUnit,
        @JsonProperty("common_name") String commonName,
        List<String> sans,
        @JsonProperty("key_type") String keyType,
        String csr,
        @JsonProperty("created_at") Instant createdAt) {

    static CsrView of(CustomCsr c) {
        boolean account = !c.scope().isZone();
        return new CsrView(
                c.id().value(),
                account ? c.scope().account().value() : null,
                account ? c.name() : null,
                account ? c.description() : null,
                c.country(),
                c.state(),
                c.locality(),
                c.organization(),
                c.organizationalUnit(),
                c.commonName(),
                c.sans(),
                c.keyType(),
                c.pem(),
                c.createdAt());
    }
}
