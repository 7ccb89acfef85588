package dev.keyhold.certificates;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Effective expiries ({@link ChainExpiry}) kept per owner and per version of its served chain, so that a pass over many
 * stored chains parses each one once per change. Used for custom certificates and custom hostnames alike.
 *
 * @param <K> the owner's key (a certificate id, a hostname id)
 */
public final class ChainExpiryCache<K> {

    private record Cached(Object version, ChainExpiry expiry) {}

    private static final Logger log = LoggerFactory.getLogger(ChainExpiryCache.class);

    private final String owners;

    private final Map<K, Cached> cache = new ConcurrentHashMap<>();

    /** @param owners what the keys name, for the log: "certificate", "custom hostname" */
    public ChainExpiryCache(String owners) {
        this.owners = owners;
    }

    /**
     * The expiries of {@code rows}, in their order: cached while a row's version is unchanged, else from its served
     * chain, read by key (null when it is gone since the list was read). Forgets the keys no longer listed.
     */
    public <R> List<ChainExpiry> refresh(
            List<R> rows,
            Function<R, K> key,
            Function<R, Object> version,
            Function<R, ChainExpiry.Owner> owner,
            Function<K, String> servedChain) {
        List<ChainExpiry> result = new ArrayList<>();
        Set<K> present = new HashSet<>();
        for (R row : rows) {
            K id = key.apply(row);
            present.add(id);
            Cached cached = this.cache.get(id);
            if (cached == null || !cached.version().equals(version.apply(row))) {
                String pem = servedChain.apply(id);
                if (pem == null) {
                    continue; // deleted since the list was read
                }
                try {
                    cached = new Cached(version.apply(row), ChainExpiry.of(owner.apply(row), pem));
                } catch (RuntimeException ex) {
                    // NOTE: stored chains were parsed at upload; one that no longer parses must not stop the others
                    log.warn("Cannot read the served chain of {} {}: {}", this.owners, id, ex.getMessage());
                    continue;
                }
                this.cache.put(id, cached);
            }
            result.add(cached.expiry());
        }
        this.cache.keySet().retainAll(present);
        return result;
    }
}
