package dev.keyhold.auth;

import java.util.Objects;
import java.util.Set;

/**
 * A named bundle of permissions that token policies grant by id, as Cloudflare's permission groups; a group applies only
 * to resources of its own scope.
 */
public record PermissionGroup(String id, String name, Permission.Scope scope, Set<Permission> permissions) {

    public PermissionGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        permissions = Set.copyOf(permissions);
        if (permissions.stream().anyMatch(p -> p.scope() != scope)) {
            throw new IllegalArgumentException("permission group " + name + " mixes scopes");
        }
    }

    /** Whether the group grants the permission. */
    public boolean grants(Permission permission) {
        return this.permissions.contains(permission);
    }
}
