package dev.keyhold.certificates;

import java.time.Instant;
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
 * The effective expiry of every stored custom certificate ({@link ChainExpiry}), for expiry alerts and metrics. Each
 * served chain is parsed once per change: results are kept per certificate and its {@code modified_on}, so a pass
 * over many certificates reads one small row each.
 */
@Service
public class CertificateExpiries {

    private record Cached(Instant modifiedOn, ChainExpiry expiry) {}

    private static final Logger log = LoggerFactory.getLogger(CertificateExpiries.class);

    private final ChainExpiryRepository repository;

    private final Map<CertificateId, Cached> cache = new ConcurrentHashMap<>();

    CertificateExpiries(ChainExpiryRepository repository) {
        this.repository = repository;
    }

    /** Every stored certificate's effective expiry, in id order. */
    public List<ChainExpiry> all() {
        List<ChainExpiry> result = new ArrayList<>();
        Set<CertificateId> present = new HashSet<>();
        for (ChainExpiryRepository.Row row : this.repository.all()) {
            present.add(row.id());
            Cached cached = this.cache.get(row.id());
            if (cached == null || !cached.modifiedOn().equals(row.modifiedOn())) {
                String pem = this.repository.servedChain(row.id());
                if (pem == null) {
                    continue; // deleted since the list was read
                }
                try {
                    cached = new Cached(row.modifiedOn(), of(row, pem));
                } catch (RuntimeException ex) {
                    // NOTE: stored chains were parsed at upload; one that no longer parses must not stop the others
                    log.warn("Cannot read the served chain of certificate {}: {}", row.id(), ex.getMessage());
                    continue;
                }
                this.cache.put(row.id(), cached);
            }
            result.add(cached.expiry());
        }
        this.cache.keySet().retainAll(present);
        return result;
    }

    private static ChainExpiry of(ChainExpiryRepository.Row row, String servedChainPem) {
        return ChainExpiry.of(
                ChainExpiry.Owner.customCertificate(
                        row.id(), row.zone(), row.account(), row.hosts(), row.leafExpiresOn()),
                servedChainPem);
    }
}
