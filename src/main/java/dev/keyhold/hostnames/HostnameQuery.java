package dev.keyhold.hostnames;

import java.util.Objects;
import java.util.Optional;

/**
 * Filters and order of a custom hostname list. The API layer refuses combinations Cloudflare refuses (an id with
 * other filters, two hostname filters) before building one.
 *
 * @param id only this hostname
 * @param match how {@code hostname} is matched, with {@code hostname} null for no hostname filter
 * @param hostname the text to match, lower-cased; {@code %} and {@code _} match themselves
 * @param hasSsl only hostnames with (true) or without (false) an {@code ssl} object
 * @param sslStatus only hostnames whose {@code ssl.status} is this
 * @param hostnameStatus only hostnames whose {@code status} is this
 * @param order the sort key; {@link Order#CREATED} when none was asked for
 */
public record HostnameQuery(
        Optional<HostnameId> id,
        Match match,
        String hostname,
        Optional<Boolean> hasSsl,
        Optional<String> sslStatus,
        Optional<String> hostnameStatus,
        Order order,
        boolean descending) {

    /** How a hostname filter matches. */
    public enum Match {
        EXACT,
        CONTAINS,
        STARTS_WITH
    }

    /** Sort keys; every order ends with creation time and id so pages are stable. */
    public enum Order {
        CREATED,
        SSL,
        SSL_STATUS
    }

    public HostnameQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(hasSsl, "hasSsl");
        Objects.requireNonNull(sslStatus, "sslStatus");
        Objects.requireNonNull(hostnameStatus, "hostnameStatus");
        Objects.requireNonNull(order, "order");
    }

    /** Every hostname of the zone, oldest first. */
    public static HostnameQuery all() {
        return new HostnameQuery(
                Optional.empty(),
                Match.EXACT,
                null,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Order.CREATED,
                false);
    }
}
