package dev.keyhold.keys;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keys generated ahead of demand, stored by a backend as {@code sealed_keys} rows marked pooled (sealed by the local
 * backend, on the token by the PKCS#11 one). {@link #claim} takes one on the caller's transaction; a bounded set of low-priority daemon threads refills each type to its target after claims and
 * every {@link KeyPoolSettings#interval()}, one key at a time, so request threads never wait for it. Call
 * {@link #close()} on shutdown: it stops refilling, letting a key in progress finish.
 */
public final class KeyPool<K> implements AutoCloseable {

    public static final String DEPTH = "keyhold.keys.pool.depth";

    public static final String REFILLS = "keyhold.keys.pool.refills";

    public static final String CLAIMS = "keyhold.keys.pool.claims";

    private static final Logger log = LoggerFactory.getLogger(KeyPool.class);

    private final KeyPoolSettings settings;

    private final Store<K> store;

    private final Consumer<KeyType> generatePooled;

    private final ScheduledThreadPoolExecutor refillers;

    private final Map<KeyType, Counter> refills = new EnumMap<>(KeyType.class);

    private final Map<KeyType, Counter> hits = new EnumMap<>(KeyType.class);

    private final Map<KeyType, Counter> misses = new EnumMap<>(KeyType.class);

    /** Keys this node is generating right now, per type, so parallel refillers do not overshoot the target. */
    private final Map<KeyType, Integer> inFlight = new EnumMap<>(KeyType.class);

    private final AtomicInteger rounds = new AtomicInteger();

    private volatile boolean closed;

    private volatile boolean started;

    /** Whether the last refill round failed, so a lasting failure is logged once. */
    private volatile boolean failing;

    /**
     * Where a backend keeps its pooled keys: the {@code sealed_keys} rows marked pooled. Claims must take each key once
     * across nodes ({@code select ... for update skip locked} and a guarded update) on the caller's transaction.
     */
    public interface Store<K> {

        /**
         * Takes the oldest pooled key of the type, stamping it created at {@code claimedAt}, or empty; what it returns
         * ({@code K}) is the backend's handle on the claimed key.
         */
        Optional<K> claim(KeyType type, Instant claimedAt);

        /** Pooled keys of the type waiting, across all nodes. */
        int depth(KeyType type);
    }

    /**
     * @param store the pooled rows
     * @param generatePooled generates and stores one pooled key of a type, outside any transaction
     * @param backend the backend's name, a tag of the pool's meters
     */
    public KeyPool(
            KeyPoolSettings settings,
            Store<K> store,
            Consumer<KeyType> generatePooled,
            MeterRegistry meters,
            String backend) {
        this.settings = settings;
        this.store = store;
        this.generatePooled = generatePooled;
        for (KeyType type : KeyType.values()) {
            if (!type.generated()) {
                continue;
            }
            Gauge.builder(DEPTH, () -> depthOrNaN(type))
                    .description("Pooled keys ready to be claimed, across all nodes")
                    .tag("key_type", type.apiName())
                    .tag("backend", backend)
                    .register(meters);
            this.refills.put(type, counter(meters, REFILLS, "Keys generated into the pool", type, backend, null));
            this.hits.put(type, counter(meters, CLAIMS, "Key creations by pool outcome", type, backend, "hit"));
            this.misses.put(type, counter(meters, CLAIMS, "Key creations by pool outcome", type, backend, "miss"));
            this.inFlight.put(type, 0);
        }
        if (settings.threads() == 0) {
            this.refillers = null;
            return;
        }
        this.refillers = new ScheduledThreadPoolExecutor(settings.threads(), refillerThreads());
        this.refillers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Starts the periodic refill (claims trigger refills from the start). Called once the application is ready, so
     * that filling an empty pool does not compete with startup for the CPU.
     */
    public void start() {
        if (this.refillers == null || this.closed || this.started) {
            return;
        }
        this.started = true;
        this.refillers.scheduleWithFixedDelay(
                this::trigger, 0, this.settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        log.info(
                "Key pool: refilling rsa2048 to {} and p256v1 to {} keys with {} thread(s), checking every {}",
                this.settings.target(KeyType.RSA2048),
                this.settings.target(KeyType.P256V1),
                this.settings.threads(),
                this.settings.interval());
    }

    /** A pooled key of the type, taken on the caller's transaction, or empty when the pool has none. */
    public Optional<K> claim(KeyType type, Instant claimedAt) {
        Optional<K> claimed = this.settings.target(type) == 0 ? Optional.empty() : this.store.claim(type, claimedAt);
        (claimed.isPresent() ? this.hits : this.misses).get(type).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // NOTE: until the claim commits, other connections still count the key as pooled
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    trigger();
                }
            });
        } else {
            trigger();
        }
        return claimed;
    }

    /** Pooled keys of the type in the database, from every node. */
    public int depth(KeyType type) {
        return this.store.depth(type);
    }

    /** Starts a refill round unless every refill thread already has one running or queued. */
    public void trigger() {
        if (this.refillers == null || this.closed) {
            return;
        }
        if (this.rounds.incrementAndGet() > this.settings.threads()) {
            this.rounds.decrementAndGet();
            return;
        }
        try {
            this.refillers.execute(this::refillRound);
        } catch (RejectedExecutionException ex) {
            this.rounds.decrementAndGet(); // shutting down
        }
    }

    private void refillRound() {
        try {
            boolean generated = true;
            while (generated && !this.closed) {
                generated = false;
                // one key per type per pass, so a deep RSA refill does not hold back the cheap EC keys
                for (KeyType type : this.refills.keySet()) {
                    if (!this.closed && reserve(type)) {
                        try {
                            this.generatePooled.accept(type);
                            this.refills.get(type).increment();
                            generated = true;
                        } finally {
                            release(type);
                        }
                    }
                }
            }
            if (this.failing) {
                this.failing = false;
                log.info("Key pool refilling again");
            }
        } catch (RuntimeException ex) {
            // NOTE: the message names the step and the key id at most, never key material. One warning per run of
            // failures (a database outage fails every round until it ends), then quiet until a round succeeds.
            if (!this.failing) {
                this.failing = true;
                log.warn("Key pool refill stopped until the next check: {}", ex.toString());
            } else {
                log.debug("Key pool refill still failing: {}", ex.toString());
            }
        } finally {
            this.rounds.decrementAndGet();
        }
    }

    private synchronized boolean reserve(KeyType type) {
        int pending = this.inFlight.get(type);
        if (depth(type) + pending >= this.settings.target(type)) {
            return false;
        }
        this.inFlight.put(type, pending + 1);
        return true;
    }

    private synchronized void release(KeyType type) {
        this.inFlight.put(type, this.inFlight.get(type) - 1);
    }

    private double depthOrNaN(KeyType type) {
        try {
            return depth(type);
        } catch (RuntimeException ex) {
            return Double.NaN; // the database is unreachable; the health endpoint says so
        }
    }

    /** Whether every refill thread has ended (always true for a node that never refills). */
    public boolean stopped() {
        return this.refillers == null || this.refillers.isTerminated();
    }

    /** Stops refilling: no new key is started; one being generated is finished and stored, for at most 10 s. */
    @Override
    public void close() {
        this.closed = true;
        if (this.refillers == null) {
            return;
        }
        this.refillers.shutdown();
        try {
            if (!this.refillers.awaitTermination(10, TimeUnit.SECONDS)) {
                this.refillers.shutdownNow();
            }
        } catch (InterruptedException ex) {
            this.refillers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Counter counter(
            MeterRegistry meters, String name, String description, KeyType type, String backend, String outcome) {
        Counter.Builder builder = Counter.builder(name)
                .description(description)
                .tag("key_type", type.apiName())
                .tag("backend", backend);
        if (outcome != null) {
            builder.tag("outcome", outcome);
        }
        return builder.register(meters);
    }

    private static ThreadFactory refillerThreads() {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "keyhold-key-pool-" + next.incrementAndGet());
            thread.setDaemon(true);
            // NOTE: a hint only (Linux ignores Java priorities by default); the bounded thread count is the real limit
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        };
    }
}
