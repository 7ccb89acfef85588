package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.csr.CsrRequest;
import java.util.List;

/** The body of a create-CSR request as sent; rules are checked by the csr feature. */
record CsrBody(
        String country,
        String state,
        String locality,
        String organization,
        @JsonProperty("organizational_unit") String organizationalUnit,
        @JsonProperty("common_name") String commonName,
        List<String> sans,
        @JsonProperty("key_type") String keyType,
        String name,
        String description) {

    CsrRequest toRequest() {
        return new CsrRequest(
                this.country,
                this.state,
                this.locality,
                this.organization,
                this.organizationalUnit,
                this.commonName,
                this.sans,
                this.keyType,
                this.name,
                this.description);
    }
}
