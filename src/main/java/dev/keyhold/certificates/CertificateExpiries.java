package dev.keyhold.certificates;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The effective expiry of every stored custom certificate ({@link ChainExpiry}), for expiry alerts and metrics. Each
 * served chain is parsed once per change: results are kept per certificate and its {@code modified_on}, so a pass
 * over many certificates reads one small row each.
 */
@Service
public class CertificateExpiries {

    private final ChainExpiryRepository repository;

    private final ChainExpiryCache<CertificateId> cache = new ChainExpiryCache<>("certificate");

    CertificateExpiries(ChainExpiryRepository repository) {
        this.repository = repository;
    }

    /** Every stored certificate's effective expiry, in id order. */
    public List<ChainExpiry> all() {
        return this.cache.refresh(
                this.repository.all(),
                ChainExpiryRepository.Row::id,
                ChainExpiryRepository.Row::modifiedOn,
                CertificateExpiries::owner,
                this.repository::servedChain);
    }

    private static ChainExpiry.Owner owner(ChainExpiryRepository.Row row) {
        return ChainExpiry.Owner.customCertificate(
                row.id(), row.zone(), row.account(), row.hosts(), row.leafExpiresOn());
    }
}
