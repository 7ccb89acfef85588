package dev.keyhold.hostnames;

import dev.keyhold.certificates.ChainExpiry;
import dev.keyhold.certificates.ChainExpiryCache;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The effective expiry ({@link ChainExpiry}) of every custom hostname's uploaded certificate, for expiry alerts and
 * metrics. As for custom certificates, each served chain is parsed once per change and kept per hostname.
 */
@Service
public class HostnameExpiries {

    private final HostnameExpiryRepository repository;

    private final ChainExpiryCache<HostnameId> cache = new ChainExpiryCache<>("custom hostname");

    HostnameExpiries(HostnameExpiryRepository repository) {
        this.repository = repository;
    }

    /** The effective expiry of every hostname that has a certificate, in hostname id order. */
    public List<ChainExpiry> all() {
        return this.cache.refresh(
                this.repository.all(),
                HostnameExpiryRepository.Row::id,
                HostnameExpiryRepository.Row::version,
                HostnameExpiries::owner,
                this.repository::servedChain);
    }

    private static ChainExpiry.Owner owner(HostnameExpiryRepository.Row row) {
        return ChainExpiry.Owner.customHostname(
                row.sslId(),
                row.zone(),
                row.account(),
                row.hosts(),
                row.leafExpiresOn(),
                row.id().value(),
                row.hostname());
    }
}
