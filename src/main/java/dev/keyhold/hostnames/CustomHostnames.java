package dev.keyhold.hostnames;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import dev.keyhold.csr.CsrNotFoundException;
import dev.keyhold.dns.DnsName;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.tenancy.Zone;
import dev.keyhold.tenancy.ZoneDeletingEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custom hostname facade. Every write is one transaction: a key taken into custody, the CSR row locked against
 * deletion, the certificate checks and the row itself commit together or not at all. Callers authorize the zone.
 */
@Service
public class CustomHostnames {

    private static final Logger log = LoggerFactory.getLogger(CustomHostnames.class);

    private final HostnameRules rules;

    private final HostnameRepository repository;

    private final SslUploads ssl;

    private final KeyManager keys;

    private final Clock clock;

    private final AuditLog audit;

    CustomHostnames(
            HostnameRules rules,
            HostnameRepository repository,
            SslUploads ssl,
            KeyManager keys,
            Clock clock,
            AuditLog audit) {
        this.audit = audit;
        this.rules = rules;
        this.repository = repository;
        this.ssl = ssl;
        this.keys = keys;
        this.clock = clock;
    }

    @Transactional
    public SavedHostname create(Zone zone, HostnameRequest request) {
        Objects.requireNonNull(request, "request");
        DnsName hostname = this.rules.hostname(request.hostname());
        Map<String, String> metadata = this.rules.customMetadata(request.customMetadata(), hostname);
        String origin = this.rules.customOriginServer(request.customOriginServer());
        if (this.repository.existsHostname(hostname.value())) {
            throw new DuplicateHostnameException(hostname.value());
        }
        SslUploads.Upload upload =
                request.ssl() == null ? SslUploads.Upload.NONE : this.ssl.ssl(zone, hostname, request.ssl(), null);
        CustomHostname created = new CustomHostname(
                HostnameId.random(),
                zone.id(),
                hostname.value(),
                UUID.randomUUID().toString(),
                metadata,
                origin,
                this.rules.customOriginSni(request.customOriginSni()),
                this.clock.instant(),
                upload.ssl());
        try {
            this.repository.insert(created);
        } catch (DuplicateKeyException ex) {
            // NOTE: another request created the same hostname since the check above; the unique key decides
            throw new DuplicateHostnameException(hostname.value());
        } catch (DataIntegrityViolationException ex) {
            throw csrGone(created.ssl(), ex);
        }
        this.audit.changed(account(zone), Action.CREATE, resource(created.id()), describe(zone, created));
        imported(zone, created, null);
        log.info(
                "Created custom hostname {} in zone {} ({})",
                created.id(),
                zone.id(),
                created.ssl() == null ? "no ssl" : created.ssl().status(this.clock.instant()));
        return new SavedHostname(created, upload.warnings());
    }

    public CustomHostname require(Zone zone, HostnameId id) {
        return this.repository.find(zone.id(), id, false).orElseThrow(() -> new HostnameNotFoundException(id));
    }

    public List<CustomHostname> list(Zone zone, HostnameQuery query, long offset, int limit) {
        return this.repository.list(zone.id(), query, this.clock.instant(), offset, limit);
    }

    public long count(Zone zone, HostnameQuery query) {
        return this.repository.count(zone.id(), query, this.clock.instant());
    }

    /**
     * Edits metadata, origin and SSL settings; a new {@code ssl.custom_certificate} replaces the certificate in place
     * (the id stays), checked against the same key unless a new {@code custom_key} or {@code custom_csr_id} is given.
     */
    @Transactional
    public SavedHostname update(Zone zone, HostnameId id, HostnameUpdate update) {
        Objects.requireNonNull(update, "update");
        CustomHostname current =
                this.repository.find(zone.id(), id, true).orElseThrow(() -> new HostnameNotFoundException(id));
        DnsName hostname = new DnsName(current.hostname());
        if (update.hostname() != null && !update.hostname().trim().equalsIgnoreCase(current.hostname())) {
            throw new HostnameChangeException(id);
        }
        Map<String, String> metadata = update.customMetadata() == null
                ? current.customMetadata()
                : this.rules.customMetadata(update.customMetadata(), hostname);
        String origin = update.customOriginServer() == null
                ? current.customOriginServer()
                : this.rules.customOriginServer(update.customOriginServer());
        String sni = update.customOriginSni() == null
                ? current.customOriginSni()
                : this.rules.customOriginSni(update.customOriginSni());
        SslUploads.Upload upload = update.ssl() == null
                ? new SslUploads.Upload(current.ssl(), List.of())
                : this.ssl.ssl(zone, hostname, update.ssl(), current.ssl());
        CustomHostname updated = new CustomHostname(
                current.id(),
                current.zone(),
                current.hostname(),
                current.verificationToken(),
                metadata,
                origin,
                sni,
                current.createdAt(),
                upload.ssl());
        try {
            this.repository.update(updated);
        } catch (DataIntegrityViolationException ex) {
            throw csrGone(updated.ssl(), ex);
        }
        this.audit.changed(account(zone), Action.UPDATE, resource(id), describe(zone, updated));
        HostnameSsl before = current.ssl();
        imported(zone, updated, before);
        if (before != null && before.ownsKey() && !before.keyId().equals(keyOf(upload.ssl()))) {
            this.keys.destroy(before.keyId());
            this.audit.keyUsed(
                    account(zone),
                    Action.DESTROY,
                    before.keyId().value(),
                    "destroy replaced key of custom hostname " + id);
        }
        log.info("Edited custom hostname {} in zone {}", id, zone.id());
        return new SavedHostname(updated, upload.warnings());
    }

    /** Deletes the hostname and destroys a key uploaded with it (a CSR's key stays with the CSR). */
    @Transactional
    public HostnameId delete(Zone zone, HostnameId id) {
        CustomHostname current =
                this.repository.find(zone.id(), id, true).orElseThrow(() -> new HostnameNotFoundException(id));
        this.repository.delete(id);
        destroyOwnedKey(zone, current, "");
        log.info("Deleted custom hostname {} in zone {}", id, zone.id());
        return id;
    }

    /** Runs before the zone's CSRs go (their listener has order 100): hostnames may use them. */
    @EventListener
    @Order(80)
    void onZoneDeleting(ZoneDeletingEvent event) {
        for (CustomHostname hostname :
                this.repository.listAllOfZone(event.zone().id())) {
            this.repository.delete(hostname.id());
            destroyOwnedKey(event.zone(), hostname, " with zone " + event.zone().name());
        }
    }

    /**
     * The composite foreign key refused the row: the CSR went between the lock and the write (the lock makes this
     * unreachable on both databases; the key is the last word). Anything else is not a user error.
     */
    private static RuntimeException csrGone(HostnameSsl ssl, DataIntegrityViolationException ex) {
        if (ssl != null && ssl.customCsrId() != null) {
            return new CsrNotFoundException(ssl.customCsrId().value());
        }
        return ex;
    }

    private void destroyOwnedKey(Zone zone, CustomHostname hostname, String why) {
        this.audit.changed(account(zone), Action.DELETE, resource(hostname.id()), describe(zone, hostname) + why);
        if (hostname.ssl() != null && hostname.ssl().ownsKey()) {
            this.keys.destroy(hostname.ssl().keyId());
            this.audit.keyUsed(
                    account(zone),
                    Action.DESTROY,
                    hostname.ssl().keyId().value(),
                    "destroy with custom hostname " + hostname.id() + why);
        }
    }

    /** Records the import of a key uploaded with the hostname's SSL, unless it is the key it had before. */
    private void imported(Zone zone, CustomHostname hostname, HostnameSsl before) {
        HostnameSsl ssl = hostname.ssl();
        if (ssl != null && ssl.ownsKey() && (before == null || !ssl.keyId().equals(before.keyId()))) {
            this.audit.keyUsed(
                    account(zone),
                    Action.IMPORT,
                    ssl.keyId().value(),
                    "import key for custom hostname " + hostname.id());
        }
    }

    private static String account(Zone zone) {
        return zone.accountId().value();
    }

    private static Resource resource(HostnameId id) {
        return new Resource(Resource.CUSTOM_HOSTNAME, id.value());
    }

    private static String describe(Zone zone, CustomHostname hostname) {
        return "zone " + zone.id() + ", " + hostname.hostname();
    }

    private static KeyId keyOf(HostnameSsl ssl) {
        return ssl == null ? null : ssl.keyId();
    }
}
