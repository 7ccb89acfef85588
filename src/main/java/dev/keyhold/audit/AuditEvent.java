package dev.keyhold.audit;

import java.time.Instant;

/**
 * One recorded event, as stored: never changed or deleted once written.
 *
 * @param account the account the event belongs to; null for events of no account (such as a failed sign-in)
 * @param reason for a failure, a short code saying why ({@code wrong_password}, an API error code); else null
 * @param detail what happened in a few words, such as the purpose of a key use ({@code sign custom CSR <id>})
 * @param clientIp the client address of the request, or null for work without a request
 */
public record AuditEvent(
        String id,
        String account,
        Actor actor,
        String clientIp,
        Action action,
        Resource resource,
        boolean success,
        String reason,
        String detail,
        Instant occurredAt) {}
