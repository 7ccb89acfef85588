package dev.keyhold.certificates;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CsrNotFoundException;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.tenancy.Zone;
import dev.keyhold.tenancy.ZoneDeletingEvent;
import dev.keyhold.tenancy.ZoneId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custom certificate facade: checks an upload with the {@link UploadValidator} against the key of a custom CSR
 * or an uploaded private key (taken into the {@link KeyManager}'s custody), and stores it, all in one transaction,
 * so a refused upload leaves nothing behind, its imported key included. Callers authorize the zone first.
 */
@Service
public class CustomCertificates {

    /** Cloudflare's default {@code priority}. */
    public static final int DEFAULT_PRIORITY = 20;

    private static final Logger log = LoggerFactory.getLogger(CustomCertificates.class);

    private final CertificateUploads uploads;

    private final CertificateRepository repository;

    private final KeyManager keys;

    private final Clock clock;

    private final AuditLog audit;

    CustomCertificates(
            CertificateUploads uploads,
            CertificateRepository repository,
            KeyManager keys,
            Clock clock,
            AuditLog audit) {
        this.audit = audit;
        this.uploads = uploads;
        this.repository = repository;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Checks and stores a new certificate of the zone.
     *
     * @throws InvalidCertificateException for a chain that breaks a rule, {@link CertificateRule#DUPLICATE} included
     * @throws CsrNotFoundException when the zone may not use the named CSR
     * @throws dev.keyhold.keys.InvalidPrivateKeyException for a bad private key, or neither key nor CSR
     * @throws InvalidCertificateRequestException for both a key and a CSR
     */
    @Transactional
    public UploadedCertificate create(Zone zone, CertificateRequest request) {
        CertificateUploads.requireCertificate(request.certificate());
        CertificateUploads.KeySource source = this.uploads.keyFor(zone, request);
        BundleMethod method = Objects.requireNonNullElse(request.bundleMethod(), BundleMethod.UBIQUITOUS);
        ValidatedCertificate facts =
                this.uploads.validate(zone, request.certificate(), source.publicKey(), method, null);
        Instant now = this.clock.instant();
        CertificateRepository.Row row = new CertificateRepository.Row(
                CertificateId.random(),
                zone.id(),
                source.csr(),
                source.key(),
                Objects.requireNonNullElse(request.type(), CertificateType.LEGACY_CUSTOM),
                DEFAULT_PRIORITY,
                facts,
                request.geoRestriction(),
                request.policy(),
                now,
                now);
        insert(row, source.csr());
        this.uploads.remember(zone, facts, now);
        String account = zone.accountId().value();
        this.audit.changed(account, Action.CREATE, resource(row.id()), describe(zone, row));
        if (source.csr() == null) {
            this.audit.keyUsed(
                    account, Action.IMPORT, source.key().value(), "import key for custom certificate " + row.id());
        }
        log.info(
                "Stored custom certificate {} in zone {} ({}, key {}{})",
                row.id(),
                zone.id(),
                row.type(),
                source.key(),
                source.csr() == null ? ", uploaded" : ", of CSR " + source.csr());
        return new UploadedCertificate(require(zone.id(), row.id()), facts.warnings());
    }

    public Optional<CustomCertificate> find(ZoneId zone, CertificateId id) {
        return this.repository.find(zone, id, this.clock.instant(), false);
    }

    public CustomCertificate require(ZoneId zone, CertificateId id) {
        return find(zone, id).orElseThrow(() -> new CertificateNotFoundException(id));
    }

    /** A page of the zone's certificates, by priority then upload time, optionally of one status only. */
    public List<CustomCertificate> list(ZoneId zone, Optional<CertificateStatus> status, long offset, int limit) {
        return this.repository.list(zone, status, this.clock.instant(), offset, limit);
    }

    public long count(ZoneId zone, Optional<CertificateStatus> status) {
        return this.repository.count(zone, status, this.clock.instant());
    }

    /**
     * Changes a certificate, Cloudflare style: a new {@code certificate} (for the same key, or for a new
     * {@code private_key}) replaces the old one; a {@code legacy_custom} certificate keeps its id, an
     * {@code sni_custom} one gets a new id and the old one is gone. The type never changes, and a certificate keeps
     * the CSR it was uploaded for.
     */
    @Transactional
    public UploadedCertificate edit(Zone zone, CertificateId id, CertificateRequest request) {
        Instant now = this.clock.instant();
        CustomCertificate existing =
                this.repository.find(zone.id(), id, now, true).orElseThrow(() -> new CertificateNotFoundException(id));
        if (request.type() != null && request.type() != existing.type()) {
            throw new InvalidCertificateRequestException(
                    "type",
                    "the type of a custom certificate cannot change (it is " + existing.type()
                            + "); delete it and upload the certificate again as " + request.type());
        }
        if (request.privateKey() != null && request.csrId() != null) {
            throw CertificateUploads.bothKeySources();
        }
        if (request.csrId() != null
                && !existing.csrId().map(request.csrId()::equals).orElse(false)) {
            throw new InvalidCertificateException(
                    CertificateRule.KEY_MISMATCH,
                    "custom certificate " + id
                            + (existing.csrId().isPresent()
                                    ? " carries the key of custom CSR "
                                            + existing.csrId().get()
                                    : " was uploaded with its own private key")
                            + ", not that of custom CSR " + request.csrId()
                            + "; upload a certificate for another CSR as a new custom certificate");
        }
        String geo = request.geoRestriction() != null ? request.geoRestriction() : existing.geoRestriction();
        String policy = request.policy() != null ? request.policy() : existing.policy();
        BundleMethod method = Objects.requireNonNullElse(request.bundleMethod(), existing.bundleMethod());
        boolean recheck =
                request.certificate() != null || request.privateKey() != null || method != existing.bundleMethod();
        String account = zone.accountId().value();
        if (!recheck) {
            this.repository.updateRestrictions(id, geo, policy, now);
            this.audit.changed(account, Action.UPDATE, resource(id), "zone " + zone.id() + ", restrictions");
            return new UploadedCertificate(require(zone.id(), id), List.of());
        }
        if (request.certificate() != null) {
            CertificateUploads.requireCertificate(request.certificate());
        }
        CertificateUploads.KeySource source = request.privateKey() != null
                ? this.uploads.imported(request.privateKey())
                : this.uploads.stored(existing);
        String pem = request.certificate() != null ? request.certificate() : this.repository.servedChain(id);
        ValidatedCertificate facts = this.uploads.validate(zone, pem, source.publicKey(), method, id);
        boolean newId = existing.type() == CertificateType.SNI_CUSTOM && request.certificate() != null;
        CertificateRepository.Row row = new CertificateRepository.Row(
                newId ? CertificateId.random() : id,
                zone.id(),
                source.csr(),
                source.key(),
                existing.type(),
                existing.priority(),
                facts,
                geo,
                policy,
                newId ? now : existing.uploadedOn(),
                now);
        if (newId) {
            this.repository.delete(id);
            insert(row, source.csr());
        } else {
            this.repository.replace(row);
        }
        this.uploads.remember(zone, facts, now);
        this.audit.changed(
                account, Action.UPDATE, resource(id), describe(zone, row) + (newId ? ", replaced by " + row.id() : ""));
        if (request.privateKey() != null) {
            this.audit.keyUsed(
                    account, Action.IMPORT, source.key().value(), "import key for custom certificate " + row.id());
        }
        if (!source.key().equals(existing.keyId()) && existing.csrId().isEmpty()) {
            this.keys.destroy(existing.keyId());
            this.audit.keyUsed(
                    account,
                    Action.DESTROY,
                    existing.keyId().value(),
                    "destroy replaced key of custom certificate " + id);
        }
        log.info("Replaced custom certificate {} in zone {} by {}", id, zone.id(), row.id());
        return new UploadedCertificate(require(zone.id(), row.id()), facts.warnings());
    }

    /** Deletes the certificate, and its private key when it was uploaded with one (a CSR's key stays). */
    @Transactional
    public CertificateId delete(Zone zone, CertificateId id) {
        CustomCertificate certificate = this.repository
                .find(zone.id(), id, this.clock.instant(), true)
                .orElseThrow(() -> new CertificateNotFoundException(id));
        remove(zone, certificate, "");
        log.info("Deleted custom certificate {} in zone {}", id, zone.id());
        return id;
    }

    /**
     * Sets the priority of each named certificate of the zone and returns all of the zone's certificates in their new
     * order. Every id must be one of the zone's; otherwise nothing changes.
     */
    @Transactional
    public List<CustomCertificate> prioritize(Zone zone, Map<CertificateId, Integer> priorities) {
        Instant now = this.clock.instant();
        Set<CertificateId> present = new LinkedHashSet<>();
        this.repository.listAllOfZone(zone.id(), now).forEach(c -> present.add(c.id()));
        priorities.forEach((id, priority) -> {
            if (!present.contains(id)) {
                throw new CertificateNotFoundException(id);
            }
            if (priority < 0) {
                throw new InvalidCertificateRequestException(
                        "priority", "the priority of " + id + " must be 0 or more, not " + priority);
            }
            this.repository.updatePriority(id, priority, now);
            this.audit.changed(
                    zone.accountId().value(),
                    Action.UPDATE,
                    resource(id),
                    "zone " + zone.id() + ", priority " + priority);
        });
        return this.repository.listAllOfZone(zone.id(), now);
    }

    /** Runs before the csr feature's listener ({@code @Order(100)}): certificates may use the zone's CSRs. */
    @EventListener
    @Order(90)
    void onZoneDeleting(ZoneDeletingEvent event) {
        for (CustomCertificate certificate :
                this.repository.listAllOfZone(event.zone().id(), this.clock.instant())) {
            remove(event.zone(), certificate, " with zone " + event.zone().name());
        }
    }

    private void remove(Zone zone, CustomCertificate certificate, String why) {
        this.repository.delete(certificate.id());
        String account = zone.accountId().value();
        this.audit.changed(account, Action.DELETE, resource(certificate.id()), "zone " + zone.id() + why);
        if (certificate.csrId().isEmpty()) {
            this.keys.destroy(certificate.keyId());
            this.audit.keyUsed(
                    account,
                    Action.DESTROY,
                    certificate.keyId().value(),
                    "destroy with custom certificate " + certificate.id() + why);
        }
    }

    private static Resource resource(CertificateId id) {
        return new Resource(Resource.CUSTOM_CERTIFICATE, id.value());
    }

    private static String describe(Zone zone, CertificateRepository.Row row) {
        return "zone " + zone.id() + ", " + row.type().apiName()
                + (row.csr() == null ? ", uploaded key" : ", key of custom CSR " + row.csr());
    }

    private void insert(CertificateRepository.Row row, CsrId csr) {
        try {
            this.repository.insert(row);
        } catch (DuplicateKeyException ex) {
            // NOTE: the unique (zone_id, fingerprint) constraint decides when two identical uploads race
            throw CertificateUploads.duplicate(row.facts());
        } catch (DataIntegrityViolationException ex) {
            // NOTE: the (CSR, key) foreign key is the last word when the CSR was deleted under us
            if (csr != null) {
                throw new CsrNotFoundException(csr.value());
            }
            throw ex;
        }
    }
}
