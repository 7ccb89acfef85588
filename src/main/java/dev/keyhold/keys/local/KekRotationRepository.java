package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the {@code kek} admin commands read and write besides single keys: the {@code kek_rotations} table, the number of
 * local keys per KEK version, and the batches a rotation re-seals. Statements join the caller's transaction.
 */
final class KekRotationRepository {

    private static final String COLUMNS = "id, key_type, public_key, sealed, kek_version, created_at";

    private final JdbcClient jdbc;

    KekRotationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rotation to {@code kekVersion}; {@code completedAt} is null while it is in progress. */
    record Rotation(int kekVersion, Instant startedAt, Instant completedAt) {

        boolean complete() {
            return this.completedAt != null;
        }
    }

    /** Local keys sealed under one KEK version, and how many of them wait in the key pool. */
    record VersionCount(int kekVersion, long keys, long pooled) {}

    /** The newest rotation, if any was ever started. */
    Optional<Rotation> latest() {
        return this.jdbc
                .sql("select kek_version, started_at, completed_at from kek_rotations"
                        + " order by kek_version desc limit 1")
                .query((rs, n) -> new Rotation(
                        rs.getInt("kek_version"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("completed_at", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant)
                                .orElse(null)))
                .optional();
    }

    /** Locks the rotation row until the caller's transaction ends, so one run at a time writes the keystore. */
    void lock(int kekVersion) {
        this.jdbc
                .sql("select kek_version from kek_rotations where kek_version = ? for update")
                .param(kekVersion)
                .query(Integer.class)
                .single();
    }

    /**
     * Records a rotation as started.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another run started it first
     */
    void start(int kekVersion, Instant at) {
        this.jdbc
                .sql("insert into kek_rotations (kek_version, started_at) values (?, ?)")
                .params(kekVersion, utc(at))
                .update();
    }

    void complete(int kekVersion, Instant at) {
        this.jdbc
                .sql("update kek_rotations set completed_at = ? where kek_version = ? and completed_at is null")
                .params(utc(at), kekVersion)
                .update();
    }

    /** Every KEK version with a recorded check value. */
    List<Integer> recordedKeks() {
        return this.jdbc
                .sql("select kek_version from kek_checks order by kek_version")
                .query(Integer.class)
                .list();
    }

    List<VersionCount> counts() {
        return this.jdbc
                .sql("select kek_version, count(*) as keys, sum(case when pooled then 1 else 0 end) as pooled"
                        + " from sealed_keys where backend = 'local' group by kek_version order by kek_version")
                .query((rs, n) -> new VersionCount(rs.getInt("kek_version"), rs.getLong("keys"), rs.getLong("pooled")))
                .list();
    }

    /** Local keys, pooled ones included, that a KEK version still seals. */
    long countUnder(int kekVersion) {
        return this.jdbc
                .sql("select count(*) from sealed_keys where backend = 'local' and kek_version = ?")
                .param(kekVersion)
                .query(Long.class)
                .single();
    }

    /** Local keys, pooled ones included, sealed under a version older than {@code kekVersion}. */
    long countOlderThan(int kekVersion) {
        return this.jdbc
                .sql("select count(*) from sealed_keys where backend = 'local' and kek_version < ?")
                .param(kekVersion)
                .query(Long.class)
                .single();
    }

    /**
     * Up to {@code limit} local keys sealed under a version older than {@code kekVersion}, locked until the caller's
     * transaction ends; rows another transaction holds (a pool claim, another run) are skipped, not waited for.
     */
    List<SealedKeyRepository.Row> lockOlderThan(int kekVersion, int limit) {
        // NOTE: FOR UPDATE SKIP LOCKED works alike on PostgreSQL and H2 2.x
        return this.jdbc
                .sql("select " + COLUMNS + " from sealed_keys where backend = 'local' and kek_version < ?"
                        + " order by id limit ? for update skip locked")
                .params(kekVersion, limit)
                .query(SealedKeyRepository::row)
                .list();
    }

    /** Replaces a key's sealed bytes unless the row changed version meanwhile; false when it did or is gone. */
    boolean reseal(KeyId id, int fromVersion, int toVersion, byte[] sealed) {
        return this.jdbc
                        .sql("update sealed_keys set sealed = ?, kek_version = ? where id = ? and kek_version = ?")
                        .params(sealed, toVersion, id.value(), fromVersion)
                        .update()
                == 1;
    }

    /** Up to {@code limit} local keys with ids after {@code afterId} (in id order), pooled ones included. */
    List<SealedKeyRepository.Row> page(String afterId, int limit) {
        return this.jdbc
                .sql("select " + COLUMNS + " from sealed_keys where backend = 'local' and id > ? order by id limit ?")
                .params(afterId, limit)
                .query(SealedKeyRepository::row)
                .list();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
