package dev.keyhold.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which events to list: those of one account (or, for the operator's view, of every account and none), optionally
 * from {@code since} (inclusive) to {@code before} (exclusive), of one actor email or address, one action, or one
 * resource type; newest first unless {@code ascending}.
 */
public record AuditQuery(
        Optional<String> account,
        Optional<Instant> since,
        Optional<Instant> before,
        Optional<String> actorEmail,
        Optional<String> actorIp,
        Optional<Action> action,
        Optional<String> resourceType,
        boolean ascending) {

    /** Every event of the account, newest first. */
    public static AuditQuery ofAccount(String account) {
        return new AuditQuery(
                Optional.of(account),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false);
    }
}
