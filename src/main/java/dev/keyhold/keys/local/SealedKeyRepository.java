package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyBackendException;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyPool;
import dev.keyhold.keys.KeyType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code sealed_keys} table. Every statement runs on the caller's transaction when one is active, because the
 * {@link JdbcClient} is backed by the same {@code DataSource} as the transaction manager.
 */
final class SealedKeyRepository implements KeyPool.Store<SealedKeyRepository.Row> {

    private static final String COLUMNS = "id, key_type, public_key, sealed, kek_version, created_at";

    private final JdbcClient jdbc;

    SealedKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row; {@code sealed} is {@code nonce || ciphertext || tag}, {@code publicKey} the SPKI DER. */
    record Row(KeyId id, KeyType type, byte[] publicKey, byte[] sealed, int kekVersion, Instant createdAt) {}

    /** Stores a key in use, or (when {@code pooled}) one for the pool that nothing but a claim can see. */
    void insert(Row row, boolean pooled) {
        this.jdbc
                .sql("insert into sealed_keys (" + COLUMNS + ", pooled) values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        row.id().value(),
                        row.type().apiName(),
                        row.publicKey(),
                        row.sealed(),
                        row.kekVersion(),
                        OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC),
                        pooled)
                .update();
    }

    /** A key in use; pooled keys are not found. */
    Optional<Row> find(KeyId id) {
        return this.jdbc
                .sql("select " + COLUMNS + " from sealed_keys where id = ? and pooled = false")
                .param(id.value())
                .query(SealedKeyRepository::row)
                .optional();
    }

    /**
     * Takes the oldest pooled key of the type out of the pool, stamping it created at {@code claimedAt}, on the
     * caller's transaction: a rollback puts it back. The row lock skips keys another transaction is claiming, and the
     * guarded update makes a claim outside a transaction (two statements) safe too: each key is claimed once.
     */
    @Override
    public Optional<Row> claim(KeyType type, Instant claimedAt) {
        for (int attempt = 0; attempt < 5; attempt++) {
            // NOTE: FOR UPDATE SKIP LOCKED works alike on PostgreSQL and H2 2.x
            Optional<Row> candidate = this.jdbc
                    .sql("select " + COLUMNS + " from sealed_keys where pooled = true and key_type = ?"
                            + " order by created_at, id limit 1 for update skip locked")
                    .param(type.apiName())
                    .query(SealedKeyRepository::row)
                    .optional();
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            Row row = candidate.get();
            int claimed = this.jdbc
                    .sql("update sealed_keys set pooled = false, created_at = ? where id = ? and pooled = true")
                    .params(
                            OffsetDateTime.ofInstant(claimedAt, ZoneOffset.UTC),
                            row.id().value())
                    .update();
            if (claimed == 1) {
                return Optional.of(
                        new Row(row.id(), row.type(), row.publicKey(), row.sealed(), row.kekVersion(), claimedAt));
            }
        }
        return Optional.empty(); // lost every race: the caller generates inline
    }

    /** How many pooled keys of the type wait to be claimed, across all nodes. */
    @Override
    public int depth(KeyType type) {
        return this.jdbc
                .sql("select count(*) from sealed_keys where pooled = true and key_type = ?")
                .param(type.apiName())
                .query(Integer.class)
                .single();
    }

    /** Up to {@code limit} rows sealed under one KEK version, to check at startup that the KEK opens them. */
    List<Row> sample(int kekVersion, int limit) {
        return this.jdbc
                .sql("select " + COLUMNS
                        + " from sealed_keys where kek_version = ? order by created_at desc, id limit ?")
                .params(kekVersion, limit)
                .query(SealedKeyRepository::row)
                .list();
    }

    /** The recorded check value of a KEK version, if any node recorded one. */
    Optional<String> kekCheck(int version) {
        return this.jdbc
                .sql("select check_value from kek_checks where kek_version = ?")
                .param(version)
                .query(String.class)
                .optional()
                .map(String::strip);
    }

    /**
     * Records the check value of a KEK version unless one is recorded already.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another node recorded it first
     */
    void insertKekCheck(int version, String checkValue, Instant at) {
        this.jdbc
                .sql("insert into kek_checks (kek_version, check_value, created_at) values (?, ?, ?)")
                .params(version, checkValue, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    /** The newest KEK version any node or rotation recorded a check value for, or 0. */
    int newestKekCheck() {
        return this.jdbc
                .sql("select coalesce(max(kek_version), 0) from kek_checks")
                .query(Integer.class)
                .single();
    }

    List<Integer> kekVersions() {
        return this.jdbc
                .sql("select distinct kek_version from sealed_keys where kek_version is not null order by kek_version")
                .query(Integer.class)
                .list();
    }

    /** Deletes a key in use; pooled keys are left alone. */
    void delete(KeyId id) {
        this.jdbc
                .sql("delete from sealed_keys where id = ? and pooled = false")
                .param(id.value())
                .update();
    }

    static Row row(ResultSet rs, int rowNum) throws SQLException {
        KeyId id = new KeyId(rs.getString("id").strip());
        String name = rs.getString("key_type");
        KeyType type = KeyType.fromApiName(name)
                .orElseThrow(() -> new KeyBackendException("key " + id + " has the unknown key_type " + name, null));
        return new Row(
                id,
                type,
                rs.getBytes("public_key"),
                rs.getBytes("sealed"),
                rs.getInt("kek_version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
