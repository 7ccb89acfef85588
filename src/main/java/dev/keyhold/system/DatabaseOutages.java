package dev.keyhold.system;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a database that cannot be reached (connection refused, timed out or dropped, server shutting down) among
 * exceptions, names the reason in words safe to show anyone, and logs an outage once instead of once per request:
 * callers answer 503 and {@link #report} the failure.
 */
@Component
public class DatabaseOutages {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutages.class);

    /** At most one warning per interval while the database stays unreachable. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

    private static final long NEVER = Long.MIN_VALUE;

    private final AtomicLong lastWarned = new AtomicLong(NEVER);

    private final AtomicLong outageStarted = new AtomicLong(NEVER);

    private final AtomicInteger unlogged = new AtomicInteger();

    /**
     * Whether the exception, or one of its causes, says the database could not be reached or the connection broke:
     * never a bad statement, a constraint or a programming error, which stay 500s.
     */
    public static boolean isOutage(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof QueryTimeoutException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
                return true;
            }
            // NOTE: a rollback on a dropped connection fails too ("Connection is closed", no SQLState) and Spring then
            // throws that failure, keeping the request's own failure as the application exception
            if (t instanceof TransactionSystemException tx
                    && (tx.getCause() instanceof SQLException
                            || (tx.getApplicationException() != null && isOutage(tx.getApplicationException())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the database is unreachable, from a fixed vocabulary ("connection refused", "timed out", ...): never a host,
     * a user name or a password, so it may go into a public health response.
     */
    public static String reason(Throwable ex) {
        if (ex instanceof TransactionSystemException tx && tx.getApplicationException() != null) {
            return reason(tx.getApplicationException()); // what broke the transaction, not its failed rollback
        }
        String state = null;
        boolean timedOut = false;
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SQLException sql && state == null) {
                state = sql.getSQLState();
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("28")) {
                return "authentication failed";
            }
            timedOut |= t instanceof SocketTimeoutException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof QueryTimeoutException;
        }
        if (timedOut) {
            return "timed out";
        }
        if (state != null && state.startsWith("57P")) {
            return "database shutting down";
        }
        if (state != null && state.equals("53300")) {
            return "too many connections";
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EOFException
                    || t instanceof SocketException
                    || (t instanceof TransactionSystemException && t.getCause() instanceof SQLException)) {
                return "connection lost";
            }
        }
        return "unreachable";
    }

    /**
     * Logs the first failure of an outage as a warning with its cause, then at most one summary every
     * {@link #LOG_INTERVAL} with the number of failures in between; {@code where} names the caller.
     */
    public void report(Throwable ex, String where) {
        long now = System.nanoTime();
        this.outageStarted.compareAndSet(NEVER, now);
        long last = this.lastWarned.get();
        if ((last == NEVER || now - last >= LOG_INTERVAL.toNanos()) && this.lastWarned.compareAndSet(last, now)) {
            int more = this.unlogged.getAndSet(0);
            // NOTE: the driver's message names host and port at most; never the password
            log.warn(
                    "Database unavailable ({}) in {}: {}{}",
                    reason(ex),
                    where,
                    rootMessage(ex),
                    more == 0 ? "" : " (" + more + " more failure(s) since the last warning)");
        } else {
            this.unlogged.incrementAndGet();
        }
    }

    /** Says once that the database answers again, if an outage was reported. */
    public void recovered() {
        long started = this.outageStarted.getAndSet(NEVER);
        if (started != NEVER) {
            int more = this.unlogged.getAndSet(0);
            this.lastWarned.set(NEVER);
            log.info(
                    "Database reachable again after {} ms ({} failure(s) since the last warning)",
                    (System.nanoTime() - started) / 1_000_000,
                    more);
        }
    }

    private static boolean connectionState(String state) {
        // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now; 53300: too many connections
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == ex ? String.valueOf(ex) : ex.getClass().getSimpleName() + " caused by " + root;
    }
}
