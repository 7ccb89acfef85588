package dev.keyhold.api;

import dev.keyhold.auth.PermissionGroup;
import java.util.List;

/** A permission group as Cloudflare lists it: {@code {id, name, scopes: [scope]}}. */
record PermissionGroupResult(String id, String name, List<String> scopes) {

    static PermissionGroupResult of(PermissionGroup g) {
        return new PermissionGroupResult(g.id(), g.name(), List.of(g.scope().key()));
    }
}
