package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.hostnames.CustomHostname;
import dev.keyhold.hostnames.CustomHostnames;
import dev.keyhold.hostnames.HostnameId;
import dev.keyhold.hostnames.HostnameQuery;
import dev.keyhold.hostnames.SavedHostname;
import dev.keyhold.tenancy.Zone;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Custom hostnames of a zone ({@code /zones/{zone_id}/custom_hostnames}), as Cloudflare's v4 API serves them.
 * Create answers 201 (Cloudflare's status-code docs and cloudflare-go's fixtures; the spec says 200, clients accept
 * any 2xx); edit answers 200 (the spec; the docs' 202 means "accepted for later", and Keyhold applies edits at once).
 * Delete answers Cloudflare's bare {@code {"id": ...}}, not the envelope.
 */
@RestController
@RequestMapping("/client/v4/zones/{zone_id}/custom_hostnames")
class CustomHostnamesController {

    static final int PER_PAGE = 20;

    static final int MAX_PER_PAGE = 1000;

    private final CustomHostnames hostnames;

    private final Scopes scopes;

    private final Clock clock;

    CustomHostnamesController(CustomHostnames hostnames, Scopes scopes, Clock clock) {
        this.hostnames = hostnames;
        this.scopes = scopes;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<Envelope<HostnameView>> create(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @RequestBody(required = false) HostnameBody body) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        if (body == null) {
            throw new InvalidRequestException(HostnameErrors.BAD_JSON);
        }
        SavedHostname saved = this.hostnames.create(zone, body.toRequest());
        return ResponseEntity.status(HttpStatus.CREATED).body(saved(saved));
    }

    @GetMapping
    Envelope<List<HostnameView>> list(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage,
            @RequestParam(name = "id", required = false) String id,
            @RequestParam(name = "hostname", required = false) String hostname,
            @RequestParam(name = "hostname.exact", required = false) String exact,
            @RequestParam(name = "hostname.contain", required = false) String contain,
            @RequestParam(name = "hostname.startsWith", required = false) String startsWith,
            @RequestParam(name = "ssl", required = false) String ssl,
            @RequestParam(name = "ssl_status", required = false) String sslStatus,
            @RequestParam(name = "hostname_status", required = false) String hostnameStatus,
            @RequestParam(name = "order", required = false) String order,
            @RequestParam(name = "direction", required = false) String direction) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_READ);
        PageRequest request = PageRequest.of(page, perPage, PER_PAGE, MAX_PER_PAGE);
        HostnameQuery query = HostnameFilters.parse(
                id, hostname, exact, contain, startsWith, ssl, sslStatus, hostnameStatus, order, direction);
        List<HostnameView> items = this.hostnames.list(zone, query, request.offset(), request.perPage()).stream()
                .map(h -> HostnameView.of(h, this.clock.instant()))
                .toList();
        return Envelope.page(items, ResultInfo.of(request, items.size(), this.hostnames.count(zone, query)));
    }

    @GetMapping("/{custom_hostname_id}")
    Envelope<HostnameView> get(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @PathVariable("custom_hostname_id") String id) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_READ);
        CustomHostname hostname = this.hostnames.require(zone, HostnameId.parse(id));
        return Envelope.ok(HostnameView.of(hostname, this.clock.instant()));
    }

    @PatchMapping("/{custom_hostname_id}")
    Envelope<HostnameView> edit(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @PathVariable("custom_hostname_id") String id,
            @RequestBody(required = false) HostnameBody body) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        HostnameId hostnameId = HostnameId.parse(id);
        if (body == null) {
            throw new InvalidRequestException(HostnameErrors.BAD_JSON);
        }
        return saved(this.hostnames.update(zone, hostnameId, body.toUpdate()));
    }

    /** Cloudflare answers a bare {@code {"id": ...}} here (spec, SDK and cloudflare-go agree), not the envelope. */
    @DeleteMapping("/{custom_hostname_id}")
    IdResult delete(
            Principal principal,
            @PathVariable("zone_id") String zoneId,
            @PathVariable("custom_hostname_id") String id) {
        Zone zone = this.scopes.zone(principal, zoneId, Permission.ZONE_SSL_WRITE);
        return new IdResult(this.hostnames.delete(zone, HostnameId.parse(id)).value());
    }

    private Envelope<HostnameView> saved(SavedHostname saved) {
        List<ApiError> messages =
                saved.warnings().stream().map(HostnameErrors::warning).toList();
        return Envelope.ok(HostnameView.of(saved.hostname(), this.clock.instant()), messages);
    }
}
