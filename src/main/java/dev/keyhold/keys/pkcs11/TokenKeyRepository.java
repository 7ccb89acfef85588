package dev.keyhold.keys.pkcs11;

import dev.keyhold.keys.KeyBackendException;
import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyPool;
import dev.keyhold.keys.KeyType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code sealed_keys} rows of keys held on the token ({@code backend = 'pkcs11'}, no secret): the public key, the
 * type, the pool flag. Every statement runs on the caller's transaction when one is active, because the
 * {@link JdbcClient} is backed by the same {@code DataSource} as the transaction manager.
 */
final class TokenKeyRepository implements KeyPool.Store<KeyId> {

    static final String BACKEND = "pkcs11";

    private final JdbcClient jdbc;

    TokenKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row; {@code publicKey} is the SPKI DER, the private half is the token object named {@code id}. */
    record Row(KeyId id, KeyType type, byte[] publicKey, Instant createdAt) {}

    /** Records a key in use, or (when {@code pooled}) one for the pool that nothing but a claim can see. */
    void insert(Row row, boolean pooled) {
        this.jdbc
                .sql("insert into sealed_keys (id, key_type, public_key, created_at, pooled, backend)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(
                        row.id().value(),
                        row.type().apiName(),
                        row.publicKey(),
                        OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC),
                        pooled,
                        BACKEND)
                .update();
    }

    /** A key in use; pooled keys are not found. */
    Optional<Row> find(KeyId id) {
        return this.jdbc
                .sql("select id, key_type, public_key, created_at from sealed_keys"
                        + " where id = ? and pooled = false and backend = ?")
                .params(id.value(), BACKEND)
                .query(TokenKeyRepository::row)
                .optional();
    }

    /**
     * Takes the oldest pooled key of the type, as the local backend's pool does: the row lock skips keys another
     * transaction is claiming and the guarded update makes each key claimed once, on the caller's transaction.
     */
    @Override
    public Optional<KeyId> claim(KeyType type, Instant claimedAt) {
        for (int attempt = 0; attempt < 5; attempt++) {
            // NOTE: FOR UPDATE SKIP LOCKED works alike on PostgreSQL and H2 2.x
            Optional<String> candidate = this.jdbc
                    .sql("select id from sealed_keys where pooled = true and key_type = ? and backend = ?"
                            + " order by created_at, id limit 1 for update skip locked")
                    .params(type.apiName(), BACKEND)
                    .query(String.class)
                    .optional();
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            int claimed = this.jdbc
                    .sql("update sealed_keys set pooled = false, created_at = ? where id = ? and pooled = true")
                    .params(OffsetDateTime.ofInstant(claimedAt, ZoneOffset.UTC), candidate.get())
                    .update();
            if (claimed == 1) {
                return Optional.of(new KeyId(candidate.get().strip()));
            }
        }
        return Optional.empty(); // lost every race: the caller generates inline
    }

    @Override
    public int depth(KeyType type) {
        return this.jdbc
                .sql("select count(*) from sealed_keys where pooled = true and key_type = ? and backend = ?")
                .params(type.apiName(), BACKEND)
                .query(Integer.class)
                .single();
    }

    /** Deletes a key in use, returning whether there was one; pooled keys are left alone. */
    boolean delete(KeyId id) {
        return this.jdbc
                        .sql("delete from sealed_keys where id = ? and pooled = false and backend = ?")
                        .params(id.value(), BACKEND)
                        .update()
                == 1;
    }

    /** Which of these ids have a row (in use or pooled), as committed data shows it. */
    Set<KeyId> existing(List<KeyId> ids) {
        Set<KeyId> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += 500) {
            this.jdbc
                    .sql("select id from sealed_keys where id in (:ids)")
                    .param(
                            "ids",
                            ids.subList(from, Math.min(ids.size(), from + 500)).stream()
                                    .map(KeyId::value)
                                    .toList())
                    .query(String.class)
                    .list()
                    .forEach(id -> found.add(new KeyId(id.strip())));
        }
        return found;
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        KeyId id = new KeyId(rs.getString("id").strip());
        String name = rs.getString("key_type");
        KeyType type = KeyType.fromApiName(name)
                .orElseThrow(() -> new KeyBackendException("key " + id + " has the unknown key_type " + name, null));
        return new Row(
                id,
                type,
                rs.getBytes("public_key"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
