package dev.keyhold.api;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the query of an audit log list as Cloudflare's: {@code since} and {@code before} (RFC 3339 date-time or
 * full-date), {@code actor.email}, {@code actor.ip}, {@code action.type}, {@code resource.type} and
 * {@code direction} ({@code desc} by default). Anything malformed is an {@link InvalidParameterException}.
 */
final class AuditLogFilters {

    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z_]{1,32}");

    private AuditLogFilters() {}

    static AuditQuery parse(Optional<String> account, Map<String, String> params) {
        Optional<Instant> since = time(params, "since");
        Optional<Instant> before = time(params, "before");
        if (since.isPresent() && before.isPresent() && !since.get().isBefore(before.get())) {
            throw new InvalidParameterException(
                    "since", params.get("since"), "must be earlier than before (" + params.get("before") + ")");
        }
        Optional<String> email = value(params, "actor.email");
        if (email.isPresent() && (email.get().length() > 320 || !email.get().contains("@"))) {
            throw new InvalidParameterException("actor.email", email.get(), "must be an email address");
        }
        Optional<String> ip = value(params, "actor.ip");
        if (ip.isPresent() && !IP.matcher(ip.get()).matches()) {
            throw new InvalidParameterException("actor.ip", ip.get(), "must be an IPv4 or IPv6 address");
        }
        Optional<Action> action = value(params, "action.type").map(raw -> Action.ofWireName(raw)
                .orElseThrow(() -> new InvalidParameterException("action.type", raw, "must be one of " + wireNames())));
        Optional<String> resourceType = value(params, "resource.type").map(raw -> {
            if (!RESOURCE_TYPE.matcher(raw).matches()) {
                throw new InvalidParameterException("resource.type", raw, "must be a resource type such as custom_csr");
            }
            return raw;
        });
        boolean ascending =
                switch (value(params, "direction").orElse("desc").toLowerCase(Locale.ROOT)) {
                    case "desc" -> false;
                    case "asc" -> true;
                    default ->
                        throw new InvalidParameterException(
                                "direction", params.get("direction"), "must be asc or desc");
                };
        return new AuditQuery(account, since, before, email, ip, action, resourceType, ascending);
    }

    private static Optional<Instant> time(Map<String, String> params, String name) {
        return value(params, name).map(raw -> {
            try {
                if (raw.length() == 10) {
                    return LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(raw).toInstant();
            } catch (DateTimeParseException ex) {
                throw new InvalidParameterException(
                        name, raw, "must be an RFC 3339 date-time (2026-01-15T10:30:00Z) or date (2026-01-15)");
            }
        });
    }

    private static Optional<String> value(Map<String, String> params, String name) {
        return Optional.ofNullable(params.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String wireNames() {
        return String.join(
                ", ", Arrays.stream(Action.values()).map(Action::wireName).toList());
    }
}
