package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.tenancy.Account;
import java.time.Instant;

/** An account on the wire: Cloudflare's account object plus Keyhold's {@code entitlements}. */
record AccountView(
        String id,
        String name,
        String type,
        @JsonProperty("created_on") Instant createdOn,
        EntitlementsView entitlements) {

    static AccountView of(Account a) {
        return new AccountView(
                a.id().value(),
                a.name(),
                "standard",
                a.createdOn(),
                new EntitlementsView(
                        a.entitlements().customCsrs(), a.entitlements().accountCustomCsrs()));
    }

    /** Keyhold's entitlements: which CSR scopes the account may use. */
    record EntitlementsView(
            @JsonProperty("custom_csrs") Boolean customCsrs,
            @JsonProperty("account_custom_csrs") Boolean accountCustomCsrs) {}
}
