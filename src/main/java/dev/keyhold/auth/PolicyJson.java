package dev.keyhold.auth;

import dev.keyhold.auth.TokenPolicy.Effect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores token policies as JSON text in Cloudflare's own shape ({@code [{id, effect, permission_groups: [{id}],
 * resources}]}), so what is stored reads like what was sent.
 */
@Component
class PolicyJson {

    private static final TypeReference<List<Map<String, Object>>> POLICIES = new TypeReference<>() {};

    private final JsonMapper json;

    PolicyJson(JsonMapper json) {
        this.json = json;
    }

    String write(List<TokenPolicy> policies) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TokenPolicy p : policies) {
            Map<String, Object> resources = new LinkedHashMap<>();
            p.resources().forEach(r -> resources.put(r.key(), r.value()));
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("id", p.id());
            policy.put("effect", p.effect().wire());
            policy.put(
                    "permission_groups",
                    p.permissionGroups().stream().map(g -> Map.of("id", g.id())).toList());
            policy.put("resources", resources);
            out.add(policy);
        }
        return this.json.writeValueAsString(out);
    }

    List<TokenPolicy> read(String text) {
        List<TokenPolicy> policies = new ArrayList<>();
        for (Map<String, Object> p : this.json.readValue(text, POLICIES)) {
            Effect effect = Effect.valueOf(((String) p.get("effect")).toUpperCase(Locale.ROOT));
            List<PermissionGroup> groups = new ArrayList<>();
            for (Object g : (List<?>) p.get("permission_groups")) {
                String id = (String) ((Map<?, ?>) g).get("id");
                groups.add(PermissionGroups.find(id)
                        .orElseThrow(() ->
                                new IllegalStateException("stored token policy names unknown permission group " + id)));
            }
            List<TokenResource> resources = new ArrayList<>();
            ((Map<?, ?>) p.get("resources")).forEach((k, v) -> resources.add(TokenResource.parse((String) k, v)));
            policies.add(new TokenPolicy((String) p.get("id"), effect, groups, resources));
        }
        return policies;
    }
}
