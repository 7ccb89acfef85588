package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.auth.TokenRequest;
import java.util.List;
import java.util.Map;

/**
 * The body of a token create ({@code POST}) or update ({@code PUT}), as Cloudflare takes it:
 * {@code {name, policies: [{id?, effect, permission_groups: [{id}], resources}], status?, not_before?, expires_on?,
 * condition?}}. Validation happens in {@link dev.keyhold.auth.Tokens}.
 */
record TokenBody(
        String name,
        List<Policy> policies,
        String status,
        @JsonProperty("not_before") String notBefore,
        @JsonProperty("expires_on") String expiresOn,
        Map<String, Object> condition) {

    /** One policy; {@code permission_groups} entries may also carry a {@code name}, which is ignored. */
    record Policy(
            String id,
            String effect,
            @JsonProperty("permission_groups") List<GroupRef> permissionGroups,
            Map<String, Object> resources) {}

    /** A permission group named by id. */
    record GroupRef(String id) {}

    TokenRequest toRequest() {
        List<TokenRequest.Policy> converted = this.policies == null
                ? null
                : this.policies.stream().map(TokenBody::convert).toList();
        return new TokenRequest(this.name, converted, this.status, this.notBefore, this.expiresOn, this.condition);
    }

    private static TokenRequest.Policy convert(Policy p) {
        if (p == null) {
            return null;
        }
        List<String> ids = p.permissionGroups() == null
                ? null
                : p.permissionGroups().stream()
                        .map(g -> g == null ? null : g.id())
                        .toList();
        return new TokenRequest.Policy(p.id(), p.effect(), ids, p.resources());
    }
}
