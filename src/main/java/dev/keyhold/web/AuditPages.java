package dev.keyhold.web;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditEvent;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.AuditQuery;
import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account's audit log: its events newest first, filtered by a range of days (UTC), an action and an actor's email,
 * fifty a page. Reading it needs Account Settings Read, as through the API. A malformed filter is said so on the page.
 */
@Controller
class AuditPages {

    static final int PER_PAGE = 50;

    private final Places places;

    private final AuditLog audit;

    AuditPages(Places places, AuditLog audit) {
        this.places = places;
        this.audit = audit;
    }

    @GetMapping("/accounts/{accountId}/audit-log")
    String list(
            @AuthenticationPrincipal Principal principal,
            @PathVariable String accountId,
            @RequestParam(name = "from", defaultValue = "") String from,
            @RequestParam(name = "to", defaultValue = "") String to,
            @RequestParam(name = "action", defaultValue = "") String action,
            @RequestParam(name = "actor", defaultValue = "") String actor,
            @RequestParam(name = "page", defaultValue = "1") String page,
            Model model) {
        Place place = this.places.account(principal, accountId, Permission.ACCOUNT_SETTINGS_READ);
        Filters filters = new Filters(from.strip(), to.strip(), action.strip(), actor.strip());
        model.addAttribute("place", place);
        model.addAttribute("section", "audit");
        model.addAttribute("filters", filters);
        model.addAttribute(
                "actions", Arrays.stream(Action.values()).map(Action::wireName).toList());
        model.addAttribute("events", List.of());
        try {
            AuditQuery query = filters.query(place.account().id().value());
            int p = page(page);
            long total = this.audit.count(query);
            model.addAttribute(
                    "events",
                    this.audit.find(query, (long) (p - 1) * PER_PAGE, PER_PAGE).stream()
                            .map(EventRow::new)
                            .toList());
            model.addAttribute("total", total);
            model.addAttribute("page", p);
            model.addAttribute("previous", p > 1 ? filters.link(place, p - 1) : null);
            model.addAttribute("next", (long) p * PER_PAGE < total ? filters.link(place, p + 1) : null);
        } catch (IllegalArgumentException ex) {
            model.addAttribute("error", ex.getMessage());
        }
        return "audit-log";
    }

    private static int page(String raw) {
        try {
            int p = Integer.parseInt(raw.strip());
            if (p >= 1) {
                return p;
            }
        } catch (NumberFormatException ex) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("The page must be a whole number of at least 1.");
    }

    /** The filters as the user entered them. */
    public record Filters(String from, String to, String action, String actor) {

        AuditQuery query(String account) {
            Optional<Instant> since = day(this.from, "From")
                    .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
            Optional<Instant> before = day(this.to, "To")
                    .map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (since.isPresent() && before.isPresent() && !since.get().isBefore(before.get())) {
                throw new IllegalArgumentException("The From date must not be after the To date.");
            }
            Optional<Action> a = this.action.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Action.ofWireName(this.action)
                            .orElseThrow(() -> new IllegalArgumentException("Choose an action from the list.")));
            Optional<String> email = Optional.of(this.actor).filter(s -> !s.isEmpty());
            return new AuditQuery(
                    Optional.of(account), since, before, email, Optional.empty(), a, Optional.empty(), false);
        }

        String link(Place place, int page) {
            return "/accounts/" + place.account().id().value() + "/audit-log?from=" + this.from + "&to=" + this.to
                    + "&action=" + this.action + "&actor="
                    + java.net.URLEncoder.encode(this.actor, java.nio.charset.StandardCharsets.UTF_8) + "&page=" + page;
        }

        private static Optional<LocalDate> day(String raw, String label) {
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDate.parse(raw));
            } catch (DateTimeParseException ex) {
                throw new IllegalArgumentException("The " + label + " date must be a date such as 2026-06-01.");
            }
        }
    }

    /** An event in the table. */
    public record EventRow(AuditEvent event) {

        public String when() {
            return Display.instant(this.event.occurredAt());
        }

        public String actor() {
            String who = this.event.actor().email() != null
                    ? this.event.actor().email()
                    : this.event.actor().id();
            return this.event.actor().type().wireName() + (who == null ? "" : " " + who);
        }

        public String ip() {
            return this.event.clientIp() == null ? "—" : this.event.clientIp();
        }

        public String action() {
            return this.event.action().wireName();
        }

        public String resource() {
            String id = this.event.resource().id();
            return this.event.resource().type() + (id == null ? "" : " " + id);
        }

        public boolean success() {
            return this.event.success();
        }

        public String outcome() {
            return this.event.success() ? "success" : "failure " + this.event.reason();
        }

        public String detail() {
            return this.event.detail() == null ? "" : this.event.detail();
        }
    }
}
