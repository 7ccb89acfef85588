package dev.keyhold.csr;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.ManagedKey;
import dev.keyhold.keys.SigningKey;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneDeletingEvent;
import dev.keyhold.tenancy.ZoneId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The custom CSR facade: validates a request, has the {@link KeyManager} generate a key, signs the PKCS#10 request
 * with it and stores both in one transaction; deleting a CSR destroys its key in the same transaction. Callers
 * authorize the scope (and check entitlements) first.
 */
@Service
public class CustomCsrs {

    private static final Logger log = LoggerFactory.getLogger(CustomCsrs.class);

    private final CsrRules rules;

    private final KeyManager keys;

    private final Pkcs10Factory pkcs10;

    private final CsrRepository repository;

    private final Clock clock;

    private final MeterRegistry meters;

    private final List<CsrUsers> users;

    private final AuditLog audit;

    CustomCsrs(
            CsrRules rules,
            KeyManager keys,
            Pkcs10Factory pkcs10,
            CsrRepository repository,
            Clock clock,
            MeterRegistry meters,
            List<CsrUsers> users,
            AuditLog audit) {
        this.audit = audit;
        this.users = List.copyOf(users);
        this.rules = rules;
        this.keys = keys;
        this.pkcs10 = pkcs10;
        this.repository = repository;
        this.clock = clock;
        this.meters = meters;
    }

    /** Validates the request (throws {@link InvalidCsrRequestException}) before anything is generated or stored. */
    public ValidCsrRequest validate(CsrRequest request) {
        return this.rules.validate(request);
    }

    /** Generates the key, builds and signs the CSR, and stores both atomically. */
    @Transactional
    public CustomCsr create(CsrScope scope, ValidCsrRequest request) {
        SigningKey signing = this.keys.createWithSigner(request.keyType());
        ManagedKey key = signing.key();
        String pem = this.pkcs10.build(request, signing);
        // NOTE: name and description exist only on account-level CSRs (custom_csr_create_request-2)
        CustomCsr csr = new CustomCsr(
                CsrId.random(),
                scope,
                key.id(),
                scope.isZone() ? null : request.name(),
                scope.isZone() ? null : request.description(),
                request.country(),
                request.state(),
                request.locality(),
                request.organization(),
                request.organizationalUnit(),
                request.commonName(),
                request.sans().stream().map(n -> n.value()).toList(),
                request.keyType().apiName(),
                pem,
                this.clock.instant());
        this.repository.insert(csr);
        String account = scope.account().value();
        this.audit.changed(account, Action.CREATE, resource(csr.id()), where(scope) + ", " + csr.keyType());
        this.audit.keyUsed(account, Action.SIGN, key.id().value(), "sign custom CSR " + csr.id());
        created(scope, request).increment();
        log.info(
                "Created custom CSR {} ({}, {}) with key {}",
                csr.id(),
                scope.isZone() ? "zone" : "account",
                csr.keyType(),
                key.id());
        return csr;
    }

    public Optional<CustomCsr> find(CsrScope scope, CsrId id) {
        return this.repository.find(scope, id, false);
    }

    public CustomCsr require(CsrScope scope, CsrId id) {
        return find(scope, id).orElseThrow(() -> new CsrNotFoundException(id.value()));
    }

    /**
     * The CSR, if a certificate in the zone may use it: a zone CSR of that zone, or an account CSR of the zone's
     * account. Anything else, another zone's or another account's CSR included, is "not found". The row is locked
     * against deletion until the caller's transaction ends, so the certificate it stores cannot outlive the key.
     */
    @Transactional
    public CustomCsr requireUsableIn(AccountId account, ZoneId zone, CsrId id) {
        return this.repository.findUsableIn(account, zone, id).orElseThrow(() -> new CsrNotFoundException(id.value()));
    }

    /** The public key of the CSR's private key: what a certificate for it must carry. */
    public PublicKey publicKey(CustomCsr csr) {
        return this.keys
                .find(csr.keyId())
                .orElseThrow(() -> new CsrNotFoundException(csr.id().value()))
                .publicKey();
    }

    public List<CustomCsr> list(CsrScope scope, CsrOrder order, long offset, int limit) {
        return this.repository.list(scope, order, offset, limit);
    }

    /** The CSRs a certificate in the zone may use: the zone's own, then its account's, up to {@code limit} of each. */
    public List<CustomCsr> usableIn(AccountId account, ZoneId zone, int limit) {
        List<CustomCsr> usable = new ArrayList<>(list(CsrScope.zone(account, zone), CsrOrder.DEFAULT, 0, limit));
        usable.addAll(list(CsrScope.account(account), CsrOrder.DEFAULT, 0, limit));
        return usable;
    }

    public long count(CsrScope scope) {
        return this.repository.count(scope);
    }

    /** What uses the CSR's key (custom certificates, custom hostnames), described for people; empty when nothing. */
    public List<String> usersOf(CsrId id) {
        return this.users.stream().flatMap(u -> u.usersOf(id).stream()).toList();
    }

    /** Deletes the CSR and destroys its private key, atomically. */
    @Transactional
    public CsrId delete(CsrScope scope, CsrId id) {
        CustomCsr csr = this.repository.find(scope, id, true).orElseThrow(() -> new CsrNotFoundException(id.value()));
        List<String> using = usersOf(csr.id());
        if (!using.isEmpty()) {
            throw new CsrInUseException(csr.id(), using);
        }
        try {
            this.repository.delete(csr);
        } catch (DataIntegrityViolationException ex) {
            // NOTE: the foreign keys from certificates and hostnames are the last word when an upload races us
            throw new CsrInUseException(csr.id(), List.of());
        }
        this.keys.destroy(csr.keyId());
        deleted(csr, "");
        log.info("Deleted custom CSR {} and destroyed key {}", csr.id(), csr.keyId());
        return csr.id();
    }

    /** Runs after the certificates and hostnames of the zone are gone (they may use its CSRs). */
    @EventListener
    @Order(100)
    void onZoneDeleting(ZoneDeletingEvent event) {
        for (CustomCsr csr : this.repository.listAllOfZone(event.zone().id())) {
            this.repository.delete(csr);
            this.keys.destroy(csr.keyId());
            deleted(csr, " with zone " + event.zone().name());
        }
        this.repository.deleteCountsOfZone(event.zone().id());
    }

    private void deleted(CustomCsr csr, String why) {
        String account = csr.scope().account().value();
        this.audit.changed(account, Action.DELETE, resource(csr.id()), where(csr.scope()) + why);
        this.audit.keyUsed(account, Action.DESTROY, csr.keyId().value(), "destroy with custom CSR " + csr.id() + why);
    }

    private static Resource resource(CsrId id) {
        return new Resource(Resource.CUSTOM_CSR, id.value());
    }

    private static String where(CsrScope scope) {
        return scope.zone().map(z -> "zone " + z.value()).orElse("account");
    }

    private Counter created(CsrScope scope, ValidCsrRequest request) {
        return Counter.builder("keyhold.csr.creations")
                .description("Custom CSRs created")
                .tag("key_type", request.keyType().apiName())
                .tag("scope", scope.isZone() ? "zone" : "account")
                .register(this.meters);
    }
}
