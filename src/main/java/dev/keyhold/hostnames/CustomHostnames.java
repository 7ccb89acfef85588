package dev.keyhold.hostnames;

import dev.keyhold.certificates.BundleMethod;
import dev.keyhold.certificates.CertificateRule;
import dev.keyhold.certificates.CertificateUpload;
import dev.keyhold.certificates.InvalidCertificateException;
import dev.keyhold.certificates.UploadValidator;
import dev.keyhold.certificates.ValidatedCertificate;
import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CsrNotFoundException;
import dev.keyhold.csr.CustomCsr;
import dev.keyhold.csr.CustomCsrs;
import dev.keyhold.dns.DnsName;
import dev.keyhold.hostnames.InvalidHostnameRequestException.Reason;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.tenancy.Zone;
import dev.keyhold.tenancy.ZoneDeletingEvent;
import java.security.PublicKey;
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

    private final CustomCsrs csrs;

    private final KeyManager keys;

    private final UploadValidator validator;

    private final Clock clock;

    CustomHostnames(
            HostnameRules rules,
            HostnameRepository repository,
            CustomCsrs csrs,
            KeyManager keys,
            UploadValidator validator,
            Clock clock) {
        this.rules = rules;
        this.repository = repository;
        this.csrs = csrs;
        this.keys = keys;
        this.validator = validator;
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
        Upload upload = request.ssl() == null ? Upload.NONE : ssl(zone, hostname, request.ssl(), null);
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
        Upload upload = update.ssl() == null
                ? new Upload(current.ssl(), List.of())
                : ssl(zone, hostname, update.ssl(), current.ssl());
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
        HostnameSsl before = current.ssl();
        if (before != null && before.ownsKey() && !before.keyId().equals(keyOf(upload.ssl()))) {
            this.keys.destroy(before.keyId());
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
        destroyOwnedKey(current);
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
            destroyOwnedKey(hostname);
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

    private void destroyOwnedKey(CustomHostname hostname) {
        if (hostname.ssl() != null && hostname.ssl().ownsKey()) {
            this.keys.destroy(hostname.ssl().keyId());
        }
    }

    /** The SSL side a request asks for, merged over the current one (null on create). */
    private Upload ssl(Zone zone, DnsName hostname, SslRequest request, HostnameSsl current) {
        String method = this.rules.method(pick(request.method(), current == null ? null : current.method(), "http"));
        String type = this.rules.type(pick(request.type(), current == null ? null : current.type(), "dv"));
        BundleMethod bundleMethod = request.bundleMethod() != null
                ? this.rules.bundleMethod(request.bundleMethod())
                : current == null ? BundleMethod.UBIQUITOUS : current.bundleMethod();
        Map<String, Object> settings = request.settings() != null
                ? this.rules.settings(request.settings())
                : current == null ? Map.of() : current.settings();
        boolean wildcard = request.wildcard() != null ? request.wildcard() : current != null && current.wildcard();
        if (wildcard && hostname.isWildcard()) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_ATTRIBUTE, "ssl.wildcard cannot be set on a wildcard hostname; drop one of them");
        }
        if (request.customKey() != null && request.customCsrId() != null) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_ATTRIBUTE,
                    "send ssl.custom_key or ssl.custom_csr_id, not both: the certificate carries one key");
        }
        boolean certificate = request.customCertificate() != null;
        if (!certificate && (request.customKey() != null || request.customCsrId() != null)) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_ATTRIBUTE,
                    "ssl.custom_key and ssl.custom_csr_id come with ssl.custom_certificate; send the certificate too");
        }
        HostnameId sslId = current == null ? HostnameId.random() : current.id();
        if (!certificate) {
            HostnameCertificate kept = current == null ? null : current.certificate();
            if (wildcard && kept == null) {
                throw new InvalidHostnameRequestException(
                        Reason.SSL_WILDCARD,
                        "ssl.wildcard needs a certificate: Keyhold issues none; upload ssl.custom_certificate "
                                + "covering *." + hostname);
            }
            if (wildcard && !coversWildcard(kept, hostname)) {
                throw notCovered(kept.hosts(), hostname);
            }
            return new Upload(
                    new HostnameSsl(
                            sslId,
                            method,
                            type,
                            bundleMethod,
                            wildcard,
                            settings,
                            current == null ? null : current.customCsrId(),
                            current == null ? null : current.keyId(),
                            kept,
                            current == null ? null : current.uploadedOn()),
                    List.of());
        }
        Key key = key(zone, request, current);
        ValidatedCertificate validated = this.validator.validate(
                CertificateUpload.forHostname(request.customCertificate(), key.publicKey(), bundleMethod, hostname),
                List.of());
        HostnameCertificate facts = HostnameCertificate.of(validated);
        if (wildcard && !coversWildcard(facts, hostname)) {
            throw notCovered(facts.hosts(), hostname);
        }
        return new Upload(
                new HostnameSsl(
                        sslId,
                        method,
                        type,
                        bundleMethod,
                        wildcard,
                        settings,
                        key.csr(),
                        key.id(),
                        facts,
                        this.clock.instant()),
                validated.warnings());
    }

    /** The key the certificate must carry: a CSR's (locked), a newly uploaded one, or the current one. */
    private Key key(Zone zone, SslRequest request, HostnameSsl current) {
        if (request.customCsrId() != null) {
            return csrKey(zone, CsrId.parse(request.customCsrId()));
        }
        if (request.customKey() != null) {
            ManagedKey imported = this.keys.importKey(request.customKey());
            return new Key(imported.id(), null, imported.publicKey());
        }
        if (current != null && current.customCsrId() != null) {
            return csrKey(zone, current.customCsrId());
        }
        if (current != null && current.keyId() != null) {
            ManagedKey stored = this.keys
                    .find(current.keyId())
                    .orElseThrow(() -> new IllegalStateException(
                            "the key of custom hostname SSL " + current.id() + " is missing from the key store"));
            return new Key(stored.id(), null, stored.publicKey());
        }
        throw new InvalidHostnameRequestException(
                Reason.SSL_ATTRIBUTE,
                "ssl.custom_certificate needs the key it was issued for: send ssl.custom_csr_id (a custom CSR of this "
                        + "zone or its account) or ssl.custom_key");
    }

    private Key csrKey(Zone zone, CsrId id) {
        CustomCsr csr = this.csrs.requireUsableIn(zone.accountId(), zone.id(), id);
        return new Key(csr.keyId(), csr.id(), this.csrs.publicKey(csr));
    }

    private static boolean coversWildcard(HostnameCertificate certificate, DnsName hostname) {
        DnsName wildcard = new DnsName("*." + hostname.value());
        return certificate.hosts().stream().map(DnsName::new).anyMatch(n -> n.covers(wildcard));
    }

    private static InvalidCertificateException notCovered(List<String> hosts, DnsName hostname) {
        return new InvalidCertificateException(
                CertificateRule.HOSTNAME_NOT_COVERED,
                "ssl.wildcard is set but none of the leaf's DNS names " + hosts + " covers *." + hostname
                        + "; upload a certificate that names *." + hostname + " or unset ssl.wildcard");
    }

    private static KeyId keyOf(HostnameSsl ssl) {
        return ssl == null ? null : ssl.keyId();
    }

    private static String pick(String requested, String current, String fallback) {
        return requested != null ? requested : current != null ? current : fallback;
    }

    private record Key(KeyId id, CsrId csr, PublicKey publicKey) {}

    private record Upload(HostnameSsl ssl, List<String> warnings) {

        static final Upload NONE = new Upload(null, List.of());
    }
}
