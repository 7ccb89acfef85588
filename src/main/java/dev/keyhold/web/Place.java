package dev.keyhold.web;

import dev.keyhold.csr.CsrScope;
import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.Zone;
import java.util.Optional;

/**
 * Where a dashboard page acts: a zone (its SSL/TLS pages) or an account (its account-level CSRs). Built by
 * {@link Places} only after the signed-in user's permission was checked.
 */
public record Place(Account account, Optional<Zone> zone) {

    /** The URL prefix of the place's SSL/TLS pages. */
    public String base() {
        return this.zone
                .map(z -> "/zones/" + z.id().value() + "/ssl-tls")
                .orElse("/accounts/" + this.account.id().value() + "/ssl-tls");
    }

    /** The page that lists the place's CSRs and certificates. */
    public String home() {
        return this.zone.isPresent() ? base() + "/edge-certificates" : base();
    }

    /** The zone name, or the account name. */
    public String title() {
        return this.zone.map(Zone::name).orElse(this.account.name());
    }

    public boolean isZone() {
        return this.zone.isPresent();
    }

    /** The scope of CSRs listed and created here. */
    public CsrScope csrScope() {
        return this.zone.map(z -> CsrScope.zone(this.account.id(), z.id())).orElse(CsrScope.account(this.account.id()));
    }

    /** Whether the account may hold account-level CSRs. */
    public boolean accountCsrsEntitled() {
        return this.account.entitlements().accountCustomCsrs();
    }
}
