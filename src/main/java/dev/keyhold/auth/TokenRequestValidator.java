package dev.keyhold.auth;

import dev.keyhold.auth.Permission.Scope;
import dev.keyhold.auth.TokenPolicy.Effect;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.HexIdentifier;
import dev.keyhold.tenancy.Tenancy;
import dev.keyhold.tenancy.Zone;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link TokenRequest} into a valid {@link TokenSpec} for one account, or says what is wrong and how to fix it.
 * A token may only name its own account and that account's zones.
 */
@Component
class TokenRequestValidator {

    static final int MAX_NAME = 120;

    private final Tenancy tenancy;

    TokenRequestValidator(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    /** A validated request: name, policies and validity window. */
    record TokenSpec(
            String name,
            List<TokenPolicy> policies,
            Optional<TokenStatus> status,
            Optional<Instant> notBefore,
            Optional<Instant> expiresOn) {}

    TokenSpec validate(TokenRequest request, AccountId account) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw invalid("name must be 1 to " + MAX_NAME + " characters (got " + name.length() + ").");
        }
        if (request.condition() != null && !request.condition().isEmpty()) {
            throw invalid("condition is not supported yet; remove it, or send an empty object.");
        }
        if (request.policies() == null || request.policies().isEmpty()) {
            throw invalid("policies must hold at least one policy, such as {\"effect\": \"allow\", "
                    + "\"permission_groups\": [{\"id\": \"...\"}], \"resources\": {\"" + TokenResource.ACCOUNT_PREFIX
                    + account + "\": \"*\"}}.");
        }
        List<TokenPolicy> policies = new ArrayList<>();
        for (int i = 0; i < request.policies().size(); i++) {
            policies.add(policy(request.policies().get(i), "policies[" + i + "]", account));
        }
        Optional<Instant> notBefore = time("not_before", request.notBefore());
        Optional<Instant> expiresOn = time("expires_on", request.expiresOn());
        if (notBefore.isPresent() && expiresOn.isPresent() && !notBefore.get().isBefore(expiresOn.get())) {
            throw invalid("not_before (" + request.notBefore() + ") must be earlier than expires_on ("
                    + request.expiresOn() + ").");
        }
        return new TokenSpec(name, policies, status(request.status()), notBefore, expiresOn);
    }

    private TokenPolicy policy(TokenRequest.Policy p, String where, AccountId account) {
        if (p == null) {
            throw invalid(where + " is null; send a policy object.");
        }
        Effect effect = effect(p.effect(), where);
        if (p.permissionGroupIds() == null || p.permissionGroupIds().isEmpty()) {
            throw invalid(where + ".permission_groups must name at least one group id; list them with "
                    + "GET /accounts/" + account + "/tokens/permission_groups.");
        }
        Set<PermissionGroup> groups = new LinkedHashSet<>();
        for (String id : p.permissionGroupIds()) {
            groups.add(PermissionGroups.find(id)
                    .orElseThrow(() -> invalid(where + ".permission_groups: unknown id "
                            + quoted(id) + "; list the valid ids with GET /accounts/" + account
                            + "/tokens/permission_groups.")));
        }
        if (p.resources() == null || p.resources().isEmpty()) {
            throw invalid(where + ".resources must not be empty; for example {\"" + TokenResource.ACCOUNT_PREFIX
                    + account + "\": \"*\"} or {\"" + TokenResource.ALL_ZONES_KEY + "\": \"*\"}.");
        }
        List<TokenResource> resources = new ArrayList<>();
        for (Map.Entry<String, Object> e : p.resources().entrySet()) {
            TokenResource resource = TokenResource.parse(e.getKey(), e.getValue());
            requireInAccount(resource, where, account);
            resources.add(resource);
        }
        for (PermissionGroup g : groups) {
            if (resources.stream().noneMatch(r -> r.scope() == g.scope())) {
                throw invalid(where + ": permission group \"" + g.name() + "\" (" + g.id() + ") applies to "
                        + (g.scope() == Scope.ZONE
                                ? "zones, but the policy names no zone resource; add \"" + TokenResource.ALL_ZONES_KEY
                                        + "\": \"*\" or a " + TokenResource.ZONE_PREFIX + "<zone_id> key"
                                : "accounts, but the policy names no account resource; add \""
                                        + TokenResource.ACCOUNT_PREFIX + account + "\": \"*\"")
                        + ", or move the group to a policy that has one.");
            }
        }
        String id = TokenId.isWellFormed(p.id()) ? p.id() : HexIdentifier.random();
        return new TokenPolicy(id, effect, List.copyOf(groups), resources);
    }

    private void requireInAccount(TokenResource resource, String where, AccountId account) {
        // the same message whether the target exists elsewhere or nowhere: a token never learns about other accounts
        if (resource instanceof TokenResource.Account a && !a.id().equals(account)
                || resource instanceof TokenResource.AllZonesOf all
                        && !all.account().equals(account)) {
            throw invalid(
                    where + ".resources: \"" + resource.key() + "\" is not this token's account; a token of account "
                            + account + " can only name " + TokenResource.ACCOUNT_PREFIX + account + ".");
        }
        if (resource instanceof TokenResource.Zone z
                && !this.tenancy
                        .findZone(z.id())
                        .map(Zone::accountId)
                        .map(account::equals)
                        .orElse(false)) {
            throw invalid(where + ".resources: zone " + z.id() + " is not a zone of account " + account
                    + "; name only zones of the token's own account.");
        }
    }

    private static Effect effect(String text, String where) {
        for (Effect e : Effect.values()) {
            if (e.wire().equals(text)) {
                return e;
            }
        }
        throw invalid(where + ".effect must be \"allow\" or \"deny\" (got " + quoted(text) + ").");
    }

    private static Optional<TokenStatus> status(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.equals(TokenStatus.ACTIVE.wire()) || text.equals(TokenStatus.DISABLED.wire())) {
            return TokenStatus.fromWire(text);
        }
        throw invalid("status must be \"active\" or \"disabled\" (got " + quoted(text) + "); \"expired\" is reported "
                + "once expires_on has passed: set a later expires_on to extend a token.");
    }

    private static Optional<Instant> time(String field, String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException ex) {
            throw invalid(
                    field + " must be an RFC 3339 date-time such as 2030-01-01T00:00:00Z (got " + quoted(text) + ").");
        }
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "\"" + abbreviate(text) + "\"";
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static InvalidTokenRequestException invalid(String message) {
        return new InvalidTokenRequestException(message);
    }
}
