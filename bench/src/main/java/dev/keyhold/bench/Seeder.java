package dev.keyhold.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Grows a zone's CSRs directly in PostgreSQL by cloning one real CSR (made through the API) and its sealed key under
 * new ids, {@code created_at} spread back in time, in batches. The clones are read-only fodder: their sealed blobs do
 * not unseal under the new ids. Also keeps V8's {@code csr_counts} in step when that table exists.
 */
final class Seeder implements AutoCloseable {

    private final Connection connection;
    private final String schema;
    private final int batch;
    private long cloned;
    private int step;

    /** Seeds in transactions of {@code batch} CSRs each. */
    Seeder(String url, String user, String password, String schema, int batch) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        this.connection = DriverManager.getConnection(url, login);
        this.schema = schema;
        this.batch = batch;
        try (Statement s = this.connection.createStatement()) {
            s.execute("set search_path to " + schema);
        }
    }

    /** Clones the template CSR until the zone holds {@code total} CSRs; returns how many rows this step added. */
    long growTo(String zoneId, String templateCsrId, long total) throws SQLException {
        long have = count(zoneId);
        long missing = total - have;
        if (missing <= 0) {
            return 0;
        }
        this.step++;
        String keyColumns = otherColumns("sealed_keys", List.of("id", "created_at", "pooled"));
        String csrColumns = otherColumns("custom_csrs", List.of("id", "key_id", "created_at"));
        this.connection.setAutoCommit(false);
        try (Statement s = this.connection.createStatement()) {
            for (long done = 0; done < missing; done += this.batch) {
                long n = Math.min(this.batch, missing - done);
                long offset = this.cloned + done;
                s.execute("drop table if exists bench_ids");
                s.execute("create temporary table bench_ids on commit drop as select gen_random_uuid()::text as kid,"
                        + " gen_random_uuid()::text as cid, i from generate_series(1, " + n + ") as i");
                // NOTE: spread clones back in time, one second apart, older than everything the API made
                String createdAt = "now() - make_interval(secs => 60 + " + offset + " + i)";
                s.execute("insert into sealed_keys (id, created_at, pooled, " + keyColumns + ") select b.kid, "
                        + createdAt + ", false, " + prefixed("t", keyColumns) + " from bench_ids b, sealed_keys t"
                        + " where t.id = (select key_id from custom_csrs where id = '" + templateCsrId + "')");
                s.execute("insert into custom_csrs (id, key_id, created_at, " + csrColumns + ") select b.cid, b.kid, "
                        + createdAt + ", " + prefixed("t", csrColumns) + " from bench_ids b, custom_csrs t"
                        + " where t.id = '" + templateCsrId + "'");
                this.connection.commit();
            }
            this.cloned += missing;
            recordCount(zoneId, missing);
            this.connection.commit();
        } catch (SQLException | RuntimeException ex) {
            this.connection.rollback();
            throw ex;
        } finally {
            this.connection.setAutoCommit(true);
        }
        try (Statement s = this.connection.createStatement()) {
            // NOTE: vacuum sets the visibility map, which index-only scans need (autovacuum would, some time later)
            s.execute("vacuum analyze sealed_keys");
            s.execute("vacuum analyze custom_csrs");
        }
        return missing;
    }

    /** V8's csr_counts: its rows' n summed over a scope is the CSR count the API reports. */
    private void recordCount(String zoneId, long n) throws SQLException {
        try (PreparedStatement exists = this.connection.prepareStatement("select to_regclass(?)")) {
            exists.setString(1, this.schema + ".csr_counts");
            try (ResultSet r = exists.executeQuery()) {
                if (!r.next() || r.getString(1) == null) {
                    return;
                }
            }
        }
        try (PreparedStatement insert =
                this.connection.prepareStatement("insert into csr_counts (scope_id, slot, n) values (?, ?, ?)")) {
            insert.setString(1, zoneId);
            insert.setShort(2, (short) (1000 + this.step));
            insert.setLong(3, n);
            insert.executeUpdate();
        }
    }

    long count(String zoneId) throws SQLException {
        try (PreparedStatement s =
                this.connection.prepareStatement("select count(*) from custom_csrs where zone_id = ?")) {
            s.setString(1, zoneId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Up to {@code limit} ids of the zone's CSRs, picked at random. */
    List<String> randomIds(String zoneId, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = this.connection.prepareStatement(
                "select id from custom_csrs where zone_id = ? order by random() limit ?")) {
            s.setString(1, zoneId);
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1).trim());
                }
            }
        }
        return ids;
    }

    String version() throws SQLException {
        try (Statement s = this.connection.createStatement();
                ResultSet r = s.executeQuery("show server_version")) {
            r.next();
            return r.getString(1);
        }
    }

    private String otherColumns(String table, List<String> except) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = this.connection.prepareStatement("select column_name from information_schema.columns"
                + " where table_schema = ? and table_name = ? order by ordinal_position")) {
            s.setString(1, this.schema);
            s.setString(2, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!except.contains(r.getString(1))) {
                        columns.add(r.getString(1));
                    }
                }
            }
        }
        return String.join(", ", columns);
    }

    private static String prefixed(String alias, String columns) {
        List<String> out = new ArrayList<>();
        for (String c : columns.split(", ")) {
            out.add(alias + "." + c);
        }
        return String.join(", ", out);
    }

    /** Drops a schema and everything in it. */
    static void dropSchema(String url, String user, String password, String schema) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(url, login);
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    @Override
    public void close() throws SQLException {
        this.connection.close();
    }
}
