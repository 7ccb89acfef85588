package dev.keyhold.api;

import dev.keyhold.hostnames.HostnameId;
import dev.keyhold.hostnames.HostnameQuery;
import dev.keyhold.hostnames.HostnameQuery.Match;
import dev.keyhold.hostnames.HostnameQuery.Order;
import dev.keyhold.hostnames.InvalidHostnameIdException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The query of a custom hostname list, from Cloudflare's parameters: {@code hostname.exact}, {@code hostname.contain},
 * {@code hostname.startsWith} (wire names with a literal dot, as the SDK's {@code allowDots} sends them) and the legacy
 * {@code hostname} (an exact match) exclude each other; {@code id} excludes every filter (1438).
 */
final class HostnameFilters {

    static final int MAX_LENGTH = 255;

    static final Set<String> SSL_STATUSES = Set.of(
            "initializing",
            "pending_validation",
            "deleted",
            "pending_issuance",
            "pending_deployment",
            "pending_deletion",
            "pending_expiration",
            "expired",
            "active",
            "initializing_timed_out",
            "validation_timed_out",
            "issuance_timed_out",
            "deployment_timed_out",
            "deletion_timed_out",
            "pending_cleanup",
            "staging_deployment",
            "staging_active",
            "deactivating",
            "inactive",
            "backup_issued",
            "holding_deployment");

    static final Set<String> HOSTNAME_STATUSES = Set.of(
            "active",
            "pending",
            "active_redeploying",
            "moved",
            "pending_deletion",
            "deleted",
            "pending_blocked",
            "pending_migration",
            "pending_provisioned",
            "test_pending",
            "test_active",
            "test_active_apex",
            "test_blocked",
            "test_failed",
            "provisioned",
            "blocked");

    private HostnameFilters() {}

    static HostnameQuery parse(
            String id,
            String hostname,
            String exact,
            String contain,
            String startsWith,
            String ssl,
            String sslStatus,
            String hostnameStatus,
            String order,
            String direction) {
        List<String> hostnameFilters = new ArrayList<>();
        Match match = Match.EXACT;
        String text = null;
        if (hostname != null) {
            hostnameFilters.add("hostname");
            text = hostname;
        }
        if (exact != null) {
            hostnameFilters.add("hostname.exact");
            text = exact;
        }
        if (contain != null) {
            hostnameFilters.add("hostname.contain");
            match = Match.CONTAINS;
            text = contain;
        }
        if (startsWith != null) {
            hostnameFilters.add("hostname.startsWith");
            match = Match.STARTS_WITH;
            text = startsWith;
        }
        if (hostnameFilters.size() > 1) {
            throw new InvalidParameterException(
                    String.join(", ", hostnameFilters), null, "use only one of these hostname filters at a time");
        }
        if (text != null && text.length() > MAX_LENGTH) {
            throw new InvalidRequestException(
                    HostnameErrors.invalidHostnameFilter(hostnameFilters.get(0) + " is longer than 255 characters"));
        }
        Optional<HostnameId> hostnameId = Optional.empty();
        if (id != null) {
            List<String> others = new ArrayList<>(hostnameFilters);
            if (ssl != null) {
                others.add("ssl");
            }
            if (sslStatus != null) {
                others.add("ssl_status");
            }
            if (hostnameStatus != null) {
                others.add("hostname_status");
            }
            if (!others.isEmpty()) {
                throw new InvalidRequestException(HostnameErrors.idWithOtherFilters(others));
            }
            try {
                hostnameId = Optional.of(HostnameId.parse(id));
            } catch (InvalidHostnameIdException ex) {
                throw new InvalidRequestException(HostnameErrors.INVALID_ID);
            }
        }
        Optional<Boolean> hasSsl = Optional.empty();
        if (ssl != null) {
            hasSsl = switch (ssl.trim()) {
                case "0" -> Optional.of(false);
                case "1" -> Optional.of(true);
                default -> throw new InvalidParameterException("ssl", ssl, "must be 0 or 1");
            };
        }
        if (sslStatus != null && !SSL_STATUSES.contains(sslStatus)) {
            throw new InvalidParameterException("ssl_status", sslStatus, "must be one of Cloudflare's SSL statuses");
        }
        if (hostnameStatus != null && !HOSTNAME_STATUSES.contains(hostnameStatus)) {
            throw new InvalidParameterException(
                    "hostname_status", hostnameStatus, "must be one of Cloudflare's hostname statuses");
        }
        Order sortKey = Order.CREATED;
        if (order != null) {
            sortKey = switch (order) {
                case "ssl" -> Order.SSL;
                case "ssl_status" -> Order.SSL_STATUS;
                default -> throw new InvalidParameterException("order", order, "must be ssl or ssl_status");
            };
        }
        boolean descending = false;
        if (direction != null) {
            descending = switch (direction.toLowerCase(Locale.ROOT)) {
                case "asc" -> false;
                case "desc" -> true;
                default -> throw new InvalidParameterException("direction", direction, "must be asc or desc");
            };
        }
        return new HostnameQuery(
                hostnameId,
                match,
                text == null ? null : text.trim().toLowerCase(Locale.ROOT),
                hasSsl,
                Optional.ofNullable(sslStatus),
                Optional.ofNullable(hostnameStatus),
                sortKey,
                descending);
    }
}
