package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.tenancy.Zone;
import java.time.Instant;
import java.util.List;

/** A zone on the wire: the fields of Cloudflare's zone object that mean something in Keyhold. */
record ZoneView(
        String id,
        String name,
        String status,
        boolean paused,
        String type,
        @JsonProperty("development_mode") int developmentMode,
        @JsonProperty("name_servers") List<String> nameServers,
        @JsonProperty("original_name_servers") List<String> originalNameServers,
        @JsonProperty("original_registrar") String originalRegistrar,
        @JsonProperty("original_dnshost") String originalDnshost,
        @JsonProperty("created_on") Instant createdOn,
        @JsonProperty("modified_on") Instant modifiedOn,
        @JsonProperty("activated_on") Instant activatedOn,
        AccountRef account,
        Owner owner) {

    static ZoneView of(Zone z) {
        return new ZoneView(
                z.id().value(),
                z.name(),
                "active",
                false,
                "full",
                0,
                List.of(),
                null,
                null,
                null,
                z.createdOn(),
                z.createdOn(),
                z.createdOn(),
                new AccountRef(z.accountId().value(), z.accountName()),
                new Owner(null, "user", null));
    }

    /** The owning account, as Cloudflare nests it. */
    record AccountRef(String id, String name) {}

    /** Cloudflare's legacy owner block; always a placeholder in Keyhold. */
    record Owner(String id, String type, String email) {}
}
