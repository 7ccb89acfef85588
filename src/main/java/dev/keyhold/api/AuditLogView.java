package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.audit.AuditEvent;
import java.time.Instant;

/**
 * An audit event on the wire, in the shape of Cloudflare's account audit logs ({@code id}, {@code action},
 * {@code actor}, {@code owner}, {@code resource}, {@code when}); {@code metadata} carries Keyhold's reason code and
 * detail. Actor types are Keyhold's: {@code token}, {@code user}, {@code operator}, {@code system}.
 */
record AuditLogView(
        String id,
        ActionView action,
        ActorView actor,
        OwnerView owner,
        ResourceView resource,
        MetadataView metadata,
        Instant when) {

    static AuditLogView of(AuditEvent e) {
        return new AuditLogView(
                e.id(),
                new ActionView(e.action().wireName(), e.success(), e.occurredAt()),
                new ActorView(
                        e.actor().id(),
                        e.actor().email(),
                        e.clientIp(),
                        e.actor().type().wireName()),
                new OwnerView(e.account()),
                new ResourceView(e.resource().id(), e.resource().type()),
                new MetadataView(e.success() ? "success" : "failure", e.reason(), e.detail()),
                e.occurredAt());
    }

    /** What was done; {@code result} is true for success, as Cloudflare's. */
    record ActionView(String type, boolean result, Instant time) {}

    record ActorView(String id, String email, String ip, String type) {}

    /** The account the event belongs to; null for events of no account. */
    record OwnerView(String id) {}

    record ResourceView(String id, String type) {}

    /** Keyhold's outcome, the reason code of a failure, and what happened in a few words (a key's purpose). */
    record MetadataView(String outcome, String reason, @JsonProperty("detail") String detail) {}
}
