package dev.keyhold.tenancy;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenancy facade: accounts, their entitlements, and zones. Callers check authorization before calling; this
 * class checks existence and uniqueness.
 */
@Service
public class Tenancy {

    private final AccountRepository accounts;

    private final ZoneRepository zones;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    private final AuditLog audit;

    Tenancy(
            AccountRepository accounts,
            ZoneRepository zones,
            ApplicationEventPublisher events,
            Clock clock,
            AuditLog audit) {
        this.audit = audit;
        this.accounts = accounts;
        this.zones = zones;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Account createAccount(String name, Entitlements entitlements) {
        Account account = new Account(AccountId.random(), name, entitlements, this.clock.instant());
        this.accounts.insert(account);
        String id = account.id().value();
        this.audit.changed(id, Action.CREATE, new Resource(Resource.ACCOUNT, id), "name " + name);
        this.audit.changed(id, Action.UPDATE, new Resource(Resource.ENTITLEMENTS, id), describe(entitlements));
        return account;
    }

    public Optional<Account> findAccount(AccountId id) {
        return this.accounts.find(id);
    }

    public Account requireAccount(AccountId id) {
        return findAccount(id).orElseThrow(() -> new AccountNotFoundException(id.value()));
    }

    /** Accounts in creation order; {@code only} restricts the list to what a caller may see. */
    public List<Account> listAccounts(Optional<Set<AccountId>> only, long offset, int limit) {
        return this.accounts.list(only, offset, limit);
    }

    public long countAccounts(Optional<Set<AccountId>> only) {
        return this.accounts.count(only);
    }

    public boolean hasAccounts() {
        return this.accounts.count(Optional.empty()) > 0;
    }

    @Transactional
    public Account updateAccount(AccountId id, Optional<String> name, Optional<Entitlements> entitlements) {
        Account current = requireAccount(id);
        Account updated = new Account(
                id, name.orElse(current.name()), entitlements.orElse(current.entitlements()), current.createdOn());
        this.accounts.update(updated);
        String audited = id.value();
        if (!updated.name().equals(current.name())) {
            this.audit.changed(
                    audited, Action.UPDATE, new Resource(Resource.ACCOUNT, audited), "name " + updated.name());
        }
        if (!updated.entitlements().equals(current.entitlements())) {
            this.audit.changed(
                    audited,
                    Action.UPDATE,
                    new Resource(Resource.ENTITLEMENTS, audited),
                    describe(updated.entitlements()));
        }
        return updated;
    }

    private static String describe(Entitlements e) {
        return "custom_csrs " + e.customCsrs() + ", account_custom_csrs " + e.accountCustomCsrs();
    }

    /** Throws {@link NotEntitledException} unless the account has the entitlement. */
    public void requireEntitlement(AccountId id, Entitlement entitlement) {
        Entitlements e = requireAccount(id).entitlements();
        boolean granted =
                switch (entitlement) {
                    case CUSTOM_CSRS -> e.customCsrs();
                    case ACCOUNT_CUSTOM_CSRS -> e.accountCustomCsrs();
                };
        if (!granted) {
            throw new NotEntitledException(id, entitlement);
        }
    }

    /** Creates a zone; the name must already be validated and normalised by the caller's naming rules. */
    @Transactional
    public Zone createZone(String name, AccountId accountId) {
        Account account = requireAccount(accountId);
        Zone zone = new Zone(ZoneId.random(), name, account.id(), account.name(), this.clock.instant());
        try {
            this.zones.insert(zone);
        } catch (DuplicateKeyException ex) {
            throw new DuplicateZoneException(name);
        }
        this.audit.changed(
                account.id().value(),
                Action.CREATE,
                new Resource(Resource.ZONE, zone.id().value()),
                name);
        return zone;
    }

    public Optional<Zone> findZone(ZoneId id) {
        return this.zones.find(id);
    }

    public Zone requireZone(ZoneId id) {
        return findZone(id).orElseThrow(() -> new ZoneNotFoundException(id.value()));
    }

    public List<Zone> listZones(ZoneQuery query, long offset, int limit) {
        return this.zones.list(query, offset, limit);
    }

    public long countZones(ZoneQuery query) {
        return this.zones.count(query);
    }

    /** Deletes a zone and, through {@link ZoneDeletingEvent}, everything scoped to it, in one transaction. */
    @Transactional
    public Zone deleteZone(ZoneId id) {
        Zone zone = this.zones.findForUpdate(id).orElseThrow(() -> new ZoneNotFoundException(id.value()));
        this.events.publishEvent(new ZoneDeletingEvent(zone));
        this.zones.delete(id);
        this.audit.changed(
                zone.accountId().value(), Action.DELETE, new Resource(Resource.ZONE, id.value()), zone.name());
        return zone;
    }
}
