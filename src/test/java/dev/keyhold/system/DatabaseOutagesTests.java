package dev.keyhold.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keyhold.support.TcpProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What the PostgreSQL driver and the connection pool really throw when nothing listens or nothing answers, and that
 * {@link DatabaseOutages} calls those outages, with a reason that names no host, while bad SQL stays a bug.
 */
class DatabaseOutagesTests {

    @Test
    void aRefusedConnectionIsAnOutageCalledConnectionRefused() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        Throwable refused = catchThrowable(
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/test?connectTimeout=1"));

        assertThat(DatabaseOutages.isOutage(refused))
                .as(String.valueOf(refused))
                .isTrue();
        assertThat(DatabaseOutages.reason(refused)).isEqualTo("connection refused");
    }

    @Test
    void aPoolThatCannotConnectTimesOutAsAnOutageWithTheCauseAsReason() throws Exception {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
            proxy.cut(TcpProxy.Cut.REFUSE);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?connectTimeout=1");
            config.setConnectionTimeout(500);
            config.setInitializationFailTimeout(-1);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                Throwable timedOut = catchThrowable(pool::getConnection);
                CannotGetJdbcConnectionException translated = new CannotGetJdbcConnectionException(
                        "Failed to obtain JDBC Connection", (SQLException) timedOut);

                assertThat(DatabaseOutages.isOutage(timedOut))
                        .as(String.valueOf(timedOut))
                        .isTrue();
                assertThat(DatabaseOutages.isOutage(translated)).isTrue();
                assertThat(DatabaseOutages.reason(translated)).isEqualTo("connection refused");
            }
        }
    }

    @Test
    void aBlackHoledConnectionIsAnOutageCalledTimedOut() throws Exception {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432)) {
            proxy.cut(TcpProxy.Cut.BLACKHOLE);
            Throwable silent = catchThrowable(() -> DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?connectTimeout=1&socketTimeout=1"));

            assertThat(DatabaseOutages.isOutage(silent))
                    .as(String.valueOf(silent))
                    .isTrue();
            assertThat(DatabaseOutages.reason(silent)).isEqualTo("timed out");
        }
    }

    @Test
    void aRollbackOnADroppedConnectionIsAnOutage() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));

        assertThat(DatabaseOutages.isOutage(rollback)).isTrue();
        assertThat(DatabaseOutages.reason(rollback)).isEqualTo("connection lost");
    }

    @Test
    void badStatementsAndConstraintsAreNotOutages() {
        SQLException syntax = new SQLException("syntax error at or near \"selec\"", "42601");
        assertThat(DatabaseOutages.isOutage(new BadSqlGrammarException("list", "selec 1", syntax)))
                .isFalse();
        assertThat(DatabaseOutages.isOutage(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(DatabaseOutages.isOutage(new IllegalStateException("bug"))).isFalse();
    }
}
