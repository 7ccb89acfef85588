package dev.keyhold.auth;

import java.util.List;
import java.util.Map;

/**
 * A token create or update request as received, not yet validated: {@link Tokens} validates it and throws
 * {@link InvalidTokenRequestException} saying what is wrong. Absent fields are null.
 *
 * @param status {@code active} or {@code disabled}; null keeps the current status (active for a new token)
 * @param notBefore RFC 3339 date-time, or null
 * @param expiresOn RFC 3339 date-time, or null
 * @param condition Cloudflare's request condition; must be null or empty, conditions are not supported yet
 */
public record TokenRequest(
        String name,
        List<Policy> policies,
        String status,
        String notBefore,
        String expiresOn,
        Map<String, Object> condition) {

    /**
     * One policy as received.
     *
     * @param id the policy id, kept when it is 32 lowercase hex characters, otherwise assigned
     * @param permissionGroupIds the ids of the permission groups
     * @param resources resource keys to {@code "*"} or a nested object, as Cloudflare takes them
     */
    public record Policy(String id, String effect, List<String> permissionGroupIds, Map<String, Object> resources) {}
}
