package dev.keyhold.hostnames;

import dev.keyhold.certificates.ChainExpiry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The effective expiry ({@link ChainExpiry}) of every custom hostname's uploaded certificate, for expiry alerts and
 * metrics. As for custom certificates, each served chain is parsed once per change and kept per hostname.
 */
@Service
public class HostnameExpiries {

    private record Cached(String version, ChainExpiry expiry) {}

    private static final Logger log = LoggerFactory.getLogger(HostnameExpiries.class);

    private final HostnameExpiryRepository repository;

    private final Map<HostnameId, Cached> cache = new ConcurrentHashMap<>();

    HostnameExpiries(HostnameExpiryRepository repository) {
        this.repository = repository;
    }

    /** The effective expiry of every hostname that has a certificate, in hostname id order. */
    public List<ChainExpiry> all() {
        List<ChainExpiry> result = new ArrayList<>();
        Set<HostnameId> present = new HashSet<>();
        for (HostnameExpiryRepository.Row row : this.repository.all()) {
            present.add(row.id());
            Cached cached = this.cache.get(row.id());
            if (cached == null || !cached.version().equals(row.version())) {
                String pem = this.repository.servedChain(row.id());
                if (pem == null) {
                    continue; // deleted, or its certificate removed, since the list was read
                }
                try {
                    cached = new Cached(row.version(), ChainExpiry.of(owner(row), pem));
                } catch (RuntimeException ex) {
                    // NOTE: stored chains were parsed at upload; one that no longer parses must not stop the others
                    log.warn("Cannot read the served chain of custom hostname {}: {}", row.id(), ex.getMessage());
                    continue;
                }
                this.cache.put(row.id(), cached);
            }
            result.add(cached.expiry());
        }
        this.cache.keySet().retainAll(present);
        return result;
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
