package dev.keyhold.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs H2's own housekeeping on the embedded database file once a second. H2 writes every commit as a new chunk of
 * its file, and its background writer frees the space of chunks nothing refers to any more by rewriting the few live
 * pages of sparse ones. {@code WRITE_DELAY=0} ({@link DataDirectory}), which makes a commit durable before it returns,
 * also stops that writer, so nothing was ever freed: a 15-minute soak grew the file to 9 GB for a few MB of data, and
 * the live heap with it (H2 keeps every chunk's metadata in memory). This runs the same routine the writer would, on a
 * thread of its own. Nothing to do on PostgreSQL or an in-memory H2.
 *
 * <p>NOTE: the routine is {@code FileStore.writeInBackground()}, package-private in H2 (2.4.240, pinned by Spring Boot
 * 4.1.1): H2 exposes no public call that does what its writer does, and rewriting its fill-rate rules here would drift
 * from them. {@code H2HousekeepingTests} fails if a new H2 renames it.
 *
 * <p>The store is looked up once, through a pooled connection, and kept: it is the same for as long as the database
 * stays open. Only when it has been closed (a {@code SHUTDOWN}, say) is it looked up again.
 */
@Component
class H2Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    private static final long INTERVAL_MILLIS = 1000;

    private static final Method WRITE_IN_BACKGROUND = writeInBackground();

    private final DataSource dataSource;

    private final ScheduledThreadPoolExecutor executor;

    /** The open store found last; null before the first lookup and on a database that is not a file-based H2. */
    private volatile MVStore store;

    H2Housekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "keyhold-h2-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (fileStore().isPresent()) {
            this.executor.scheduleWithFixedDelay(
                    this::runOnSchedule, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            log.info("H2 housekeeping every {} ms (frees the file space of chunks no longer used)", INTERVAL_MILLIS);
        }
    }

    /** One round of H2's housekeeping; false when the database is not a file-based H2. */
    boolean run() {
        Optional<FileStore<?>> files = fileStore();
        if (files.isEmpty()) {
            return false;
        }
        try {
            WRITE_IN_BACKGROUND.invoke(files.get());
            return true;
        } catch (IllegalAccessException ex) {
            throw new IllegalStateException("cannot run H2's housekeeping", ex);
        } catch (InvocationTargetException ex) {
            throw new IllegalStateException("H2's housekeeping failed", ex.getCause());
        }
    }

    private void runOnSchedule() {
        try {
            run();
        } catch (RuntimeException ex) {
            // NOTE: a database that is down or closing; the next round tries again, and the outage is reported
            // elsewhere
            log.debug("H2 housekeeping skipped a round: {}", ex.toString());
        }
    }

    private Optional<FileStore<?>> fileStore() {
        MVStore known = this.store;
        if (known == null || known.isClosed()) {
            known = lookUpStore();
            this.store = known;
        }
        return Optional.ofNullable(known).map(MVStore::getFileStore);
    }

    /** The embedded database's store, through a pooled connection; null when it is not an embedded H2. */
    private MVStore lookUpStore() {
        try (Connection c = this.dataSource.getConnection()) {
            if (!c.isWrapperFor(JdbcConnection.class)) {
                return null;
            }
            if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return null; // an H2 server elsewhere keeps its own file
            }
            return session.getDatabase().getStore().getMvStore();
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot reach the database for H2 housekeeping", ex);
        }
    }

    @Override
    public void close() {
        this.executor.shutdownNow();
    }

    private static Method writeInBackground() {
        try {
            Method m = FileStore.class.getDeclaredMethod("writeInBackground");
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException ex) {
            throw new IllegalStateException(
                    "this H2 has no FileStore.writeInBackground(); H2Housekeeping must follow its new name", ex);
        }
    }
}
