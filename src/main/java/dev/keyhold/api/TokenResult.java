package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.auth.CreatedToken;
import dev.keyhold.auth.Token;
import dev.keyhold.auth.TokenPolicy;
import dev.keyhold.auth.TokenResource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API token as Cloudflare returns it. {@code value}, the secret, is present only in the response to create;
 * {@code last_used_on} is not tracked yet and always null.
 */
record TokenResult(
        String id,
        String name,
        String status,
        @JsonProperty("issued_on") Instant issuedOn,
        @JsonProperty("modified_on") Instant modifiedOn,
        @JsonProperty("last_used_on") Instant lastUsedOn,
        @JsonProperty("not_before") Instant notBefore,
        @JsonProperty("expires_on") Instant expiresOn,
        List<Policy> policies,
        Map<String, Object> condition,
        @JsonInclude(JsonInclude.Include.NON_NULL) String value) {

    /** One policy, with the names of its permission groups. */
    record Policy(
            String id,
            String effect,
            Map<String, Object> resources,
            @JsonProperty("permission_groups") List<Group> permissionGroups) {}

    /** A permission group of a policy. */
    record Group(String id, String name) {}

    static TokenResult of(Token t) {
        return of(t, null);
    }

    static TokenResult of(CreatedToken created) {
        return of(created.token(), created.value());
    }

    private static TokenResult of(Token t, String value) {
        return new TokenResult(
                t.id().value(),
                t.name(),
                t.status().wire(),
                t.issuedOn(),
                t.modifiedOn(),
                null,
                t.notBefore().orElse(null),
                t.expiresOn().orElse(null),
                t.policies().stream().map(TokenResult::policy).toList(),
                Map.of(),
                value);
    }

    private static Policy policy(TokenPolicy p) {
        Map<String, Object> resources = new LinkedHashMap<>();
        for (TokenResource r : p.resources()) {
            resources.put(r.key(), r.value());
        }
        return new Policy(
                p.id(),
                p.effect().wire(),
                resources,
                p.permissionGroups().stream()
                        .map(g -> new Group(g.id(), g.name()))
                        .toList());
    }

    @Override
    public String toString() {
        return "TokenResult[id=" + this.id + ", name=" + this.name + "]";
    }
}
