package dev.keyhold.keys.local;

import dev.keyhold.keys.KekAdministration;
import dev.keyhold.keys.KekInUseException;
import dev.keyhold.keys.KekNotFoundException;
import dev.keyhold.keys.KeyStoreConfigurationException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code kek} admin commands of the local backend. Construct it with the servers' settings: it opens their existing
 * KEK keystore (never creating one) and works on their database, while they keep serving.
 */
public final class LocalKekAdministration implements KekAdministration {

    private final KekStore keks;

    private final String passwordSource;

    private final SealedKeyRepository keys;

    private final KekRotationRepository rotations;

    private final TransactionTemplate transactions;

    private final KeySealer sealer;

    private final Clock clock;

    private final SecureRandom random = new SecureRandom();

    /** Opens the keystore; fails with a {@link KeyStoreConfigurationException} naming the fix when it cannot. */
    public LocalKekAdministration(DataSource dataSource, KekSettings settings, Clock clock) {
        if (!Files.exists(settings.keystore())) {
            throw KekStore.missing(settings.keystore()); // NOTE: before resolving a password, which may generate one
        }
        KekPassword password = KekPassword.resolve(settings, this.random);
        try {
            this.keks = KekStore.openExisting(settings.keystore(), password);
            this.passwordSource = password.source();
        } finally {
            password.wipe();
        }
        JdbcClient jdbc = JdbcClient.create(dataSource);
        this.keys = new SealedKeyRepository(jdbc);
        this.rotations = new KekRotationRepository(jdbc);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.sealer = new KeySealer(this.keks, this.random);
        this.clock = clock;
    }

    @Override
    public Status status() {
        Map<Integer, KekRotationRepository.VersionCount> counts = new TreeMap<>();
        this.rotations.counts().forEach(c -> counts.put(c.kekVersion(), c));
        TreeSet<Integer> recorded = new TreeSet<>(this.rotations.recordedKeks());
        TreeSet<Integer> versions = new TreeSet<>(this.keks.all().keySet());
        versions.addAll(counts.keySet());
        versions.addAll(recorded);
        Optional<RotationStatus> rotation = this.rotations
                .latest()
                .map(r -> new RotationStatus(
                        r.kekVersion(),
                        r.startedAt(),
                        r.completedAt(),
                        r.complete() ? 0 : this.rotations.countOlderThan(r.kekVersion())));
        return new Status(
                this.keks.path().toString(),
                this.passwordSource,
                this.keks.currentVersion(),
                versions.stream()
                        .map(v -> new VersionStatus(
                                v,
                                this.keks.key(v).isPresent(),
                                recorded.contains(v),
                                Optional.ofNullable(counts.get(v))
                                        .map(KekRotationRepository.VersionCount::keys)
                                        .orElse(0L),
                                Optional.ofNullable(counts.get(v))
                                        .map(KekRotationRepository.VersionCount::pooled)
                                        .orElse(0L)))
                        .toList(),
                rotation);
    }

    @Override
    public RotationResult rotate(RotationOptions options, Consumer<String> progress) {
        verifyKeystore();
        return new KekRotation(
                        this.keks, this.sealer, this.keys, this.rotations, this.transactions, this.clock, this.random)
                .run(options, progress);
    }

    @Override
    public void retire(int version) {
        if (this.keks.key(version).isEmpty()) {
            throw new KekNotFoundException("The keystore " + this.keks.path() + " holds no kek-" + version
                    + " (it holds " + held() + "): name one of those");
        }
        int newest = this.keks.currentVersion();
        if (version == newest) {
            throw new KekInUseException("kek-" + version + " is the newest KEK and seals new keys: run `kek rotate`"
                    + " first, then retire kek-" + version);
        }
        verifyKeystore();
        Optional<KekRotationRepository.Rotation> latest = this.rotations.latest();
        if (latest.isPresent() && !latest.get().complete()) {
            throw new KekInUseException("The rotation to kek-" + latest.get().kekVersion() + " is still in progress: "
                    + "run `kek rotate` to finish it, then retire kek-" + version);
        }
        refuseWhileInUse(version, newest, "");
        byte[] before = this.keks.remove(version);
        // a server that had not yet noticed the newer KEK may have sealed a key under this one meanwhile
        if (this.rotations.countUnder(version) > 0) {
            this.keks.restore(before);
            refuseWhileInUse(version, newest, " (they were stored while it was being retired; it was kept)");
        }
    }

    @Override
    public Verification verify(Consumer<String> progress) {
        return new KeyVerification(this.keks, this.sealer, this.keys, this.rotations).run(progress);
    }

    private void refuseWhileInUse(int version, int newest, String note) {
        long inUse = this.rotations.countUnder(version);
        if (inUse > 0) {
            long pooled = this.rotations.counts().stream()
                    .filter(c -> c.kekVersion() == version)
                    .mapToLong(KekRotationRepository.VersionCount::pooled)
                    .sum();
            throw new KekInUseException("kek-" + version + " still seals " + inUse + " key(s), " + pooled
                    + " of them pooled" + note + ": run `kek rotate` to re-seal them under kek-" + newest
                    + ", then retire kek-" + version);
        }
    }

    /** The keystore must be the one this database's keys were sealed with. */
    private void verifyKeystore() {
        KekStartupCheck.verifyKeksOpenStoredKeys(this.keks, this.keys, this.sealer);
        KekStartupCheck.verifyKekChecks(this.keks, this.keys, this.clock);
    }

    private String held() {
        return this.keks.all().keySet().stream().map(v -> "kek-" + v).collect(Collectors.joining(", "));
    }
}
