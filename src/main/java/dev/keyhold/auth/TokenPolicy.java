package dev.keyhold.auth;

import java.util.List;
import java.util.Objects;

/**
 * One policy of an API token, in Cloudflare's shape: an effect, the permission groups it names and the resources they
 * apply to. Build it through {@link Tokens}, which validates it; {@link TokenPermissions} evaluates a token's policies.
 */
public record TokenPolicy(
        String id, Effect effect, List<PermissionGroup> permissionGroups, List<TokenResource> resources) {

    public TokenPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effect, "effect");
        permissionGroups = List.copyOf(permissionGroups);
        resources = List.copyOf(resources);
    }

    /** Whether a policy grants or takes away what it names. */
    public enum Effect {
        ALLOW("allow"),
        DENY("deny");

        private final String wire;

        Effect(String wire) {
            this.wire = wire;
        }

        /** The lowercase form Cloudflare uses. */
        public String wire() {
            return this.wire;
        }
    }
}
